/**
 * video.js marks a menu's chosen item twice: `aria-checked="true"` and a
 * hidden ", selected" added to the item's name. Screen readers then say
 * "English, selected, checked", and the name of every item changes whenever
 * the choice moves, which some read out again. Every screen reader this site
 * supports reads `aria-checked` on a `menuitemradio`, so the items keep only
 * that: an item's name is its label and nothing else.
 */
import videojs from "video.js";

interface SelectableItem {
  selectable?: boolean;
  selected: (this: SelectableItem, selected: boolean) => void;
  controlText(text: string): string;
}

let quieted = false;

export function quietMenuSelection(): void {
  if (quieted) return;
  quieted = true;
  const prototype = (videojs.getComponent("MenuItem") as unknown as { prototype: SelectableItem }).prototype;
  const selected = prototype.selected;
  prototype.selected = function (value) {
    selected.call(this, value);
    if (this.selectable) this.controlText("");
  };
}
