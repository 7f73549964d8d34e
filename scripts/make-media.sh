#!/usr/bin/env bash
# Regenerates the sample media under public/media/ from scratch.
#
#   bash scripts/make-media.sh
#
# Requires only Debian's ffmpeg (ffmpeg + ffprobe, built with libx264 and
# drawtext) and the DejaVu Sans font (fonts-dejavu-core, normally pulled in by
# fontconfig). Output is deterministic for a given ffmpeg/x264 build: running
# the script twice produces byte-identical files.
#
# Samples 1-3 are landscape (16:9: 640x360 and 1280x720); samples 4-5 are
# vertical (9:16: 360x640 and 720x1280), like the short dramas watched on phones.
#
# For each sample-N it writes, in public/media/sample-N/:
#   360p.mp4, 720p.mp4          H.264 Main + AAC-LC 64k stereo 48 kHz, faststart
#   master.m3u8                 HLS master playlist (both renditions)
#   360p/index.m3u8, 360p/*.ts  HLS VOD media playlist, MPEG-TS, 4 s segments
#   720p/index.m3u8, 720p/*.ts
#   subs.en.vtt, subs.id.vtt    WebVTT captions, copied from scripts/media-subs/
#   desc.en.vtt, desc.id.vtt    WebVTT descriptions (what is seen), copied from scripts/media-subs/
#
# and app/catalog/sample-media.json: every sample's orientation and duration,
# and each MP4 rendition's size and real average bit rate (ffprobe's format
# bit_rate: audio and video together), for the catalog to read.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$SCRIPT_DIR/.." && pwd)"
OUT="$ROOT/public/media"
SUBS_SRC="$SCRIPT_DIR/media-subs"
RENDITIONS_JSON="$ROOT/app/catalog/sample-media.json"
FONT="${DRACIN_FONT:-/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf}"

FPS=25
GOP=$((FPS * 2))        # keyframe every 2 s
HLS_TIME=4              # segment length (a multiple of the GOP)
AUDIO_RATE=48000

# name  duration(s)  background  accent    tone(Hz)  orientation
SAMPLES=(
  "sample-1 20 0x3a0d1a 0xe0a040 440 landscape"
  "sample-2 28 0x0d2e3a 0x5fd3c4 554 landscape"
  "sample-3 36 0x24143f 0xc9a0ff 659 landscape"
  "sample-4 64 0x3d1030 0xff9ec7 494 portrait"
  "sample-5 80 0x102a1c 0x9be37d 587 portrait"
)

# rendition  width  height  x264 level (landscape; portrait swaps width and height)
RENDITIONS=(
  "360p 640 360 3.0"
  "720p 1280 720 3.1"
)

die() { echo "make-media: $*" >&2; exit 1; }

command -v ffmpeg >/dev/null || die "ffmpeg not found (apt-get install -y ffmpeg)"
command -v ffprobe >/dev/null || die "ffprobe not found (apt-get install -y ffmpeg)"
[[ -f "$FONT" ]] || die "font $FONT not found (apt-get install -y fonts-dejavu-core)"
# (capture first: `ffmpeg | grep -q` can SIGPIPE ffmpeg and trip pipefail)
encoders="$(ffmpeg -hide_banner -encoders 2>/dev/null)"
filters="$(ffmpeg -hide_banner -filters 2>/dev/null)"
[[ "$encoders" == *libx264* ]] || die "ffmpeg lacks libx264"
[[ "$filters" == *drawtext* ]] || die "ffmpeg lacks drawtext"

FF=(ffmpeg -hide_banner -nostdin -loglevel error -y)

# Build into a staging dir next to the output, then swap it in, so a failed run
# never leaves a half-written public/media/.
mkdir -p "$ROOT/public"
STAGE="$(mktemp -d "$ROOT/public/.media-build.XXXXXX")"
trap 'rm -rf "$STAGE"' EXIT

# RFC 6381 codec string for the H.264 track of an MP4, read from its avcC box
# (profile_idc, constraint flags, level_idc), e.g. avc1.4d401f.
avc1_codec() {
  local file="$1" off
  off="$(grep -m1 -obUa avcC "$file" | cut -d: -f1)"
  [[ -n "$off" ]] || die "no avcC box in $file"
  printf 'avc1.%s' "$(od -An -tx1 -j $((off + 5)) -N3 "$file" | tr -d ' \n')"
}

# Peak and average bit rate (bits/s, rounded up) of an HLS media playlist,
# computed from the actual segment sizes and #EXTINF durations.
hls_bandwidth() {
  local dir="$1" playlist="$2" dur="" line
  while IFS= read -r line; do
    case "$line" in
      "#EXTINF:"*) dur="${line#\#EXTINF:}"; dur="${dur%%,*}" ;;
      "#"* | "") ;;
      *) echo "$dur $(stat -c %s "$dir/$line")" ;;
    esac
  done <"$dir/$playlist" | awk '
    { bps = $2 * 8 / $1; if (bps > peak) peak = bps; bytes += $2; secs += $1 }
    END { printf "%d %d\n", int(peak) + 1, int(bytes * 8 / secs) + 1 }'
}

# WebVTT timestamp of a whole number of seconds: 00:01:04.000.
vtt_time() {
  printf '%02d:%02d:%02d.000' $(($1 / 3600)) $(($1 % 3600 / 60)) $(($1 % 60))
}

check_duration() {
  local file="$1" want="$2" got
  got="$(ffprobe -v error -show_entries format=duration -of default=nw=1:nk=1 "$file")"
  awk -v g="$got" -v w="$want" 'BEGIN { d = g - w; if (d < 0) d = -d; exit !(d <= 0.1) }' \
    || die "$file: duration $got s, expected $want s"
  echo "    $(basename "$file"): ${got} s"
}

json_samples=()
for spec in "${SAMPLES[@]}"; do
  read -r name dur bg accent tone orientation <<<"$spec"
  num="${name#sample-}"
  dir="$STAGE/$name"
  mkdir -p "$dir"
  echo "==> $name (${dur} s, ${tone} Hz, ${orientation})"

  master_entries=()
  json_renditions=()
  for rspec in "${RENDITIONS[@]}"; do
    read -r rname w h level <<<"$rspec"
    # Text is sized from the short side (the height of a landscape frame), so both orientations
    # read alike; a portrait title is narrower, to fit "Dracin sample N" across the frame.
    title_fs=$((h / 9)); clock_fs=$((h * 2 / 25)); label_fs=$((h / 22)); bar_h=$((h / 60)); margin=$((h / 30))
    if [[ "$orientation" == portrait ]]; then
      read -r w h <<<"$h $w"
      title_fs=$((w / 11)); clock_fs=$((w * 2 / 25)); label_fs=$((w / 22)); bar_h=$((w / 60)); margin=$((w / 30))
    fi
    mp4="$dir/$rname.mp4"

    # Title card: background colour, a progress bar sliding in along the
    # bottom, the title, a running SMPTE timecode (so motion is visible) and a
    # rendition label in the corner. Audio: quiet sine tone, stereo.
    vf="[0:v][1:v]overlay=x='-w+w*t/${dur}':y=H-h:eof_action=endall"
    vf+=",drawtext=fontfile=${FONT}:text='Dracin sample ${num}':fontsize=${title_fs}:fontcolor=white:x=(w-text_w)/2:y=h*0.32"
    vf+=",drawtext=fontfile=${FONT}:timecode='00\\:00\\:00\\:00':rate=${FPS}:fontsize=${clock_fs}:fontcolor=${accent}:x=(w-text_w)/2:y=h*0.52"
    vf+=",drawtext=fontfile=${FONT}:text='${rname} | ${dur} s':fontsize=${label_fs}:fontcolor=0xbbbbbb:x=w-text_w-${margin}:y=${margin}"
    vf+=",format=yuv420p[v]"
    af="[2:a]volume=0.5,aformat=sample_fmts=fltp:sample_rates=${AUDIO_RATE}:channel_layouts=stereo[a]"

    "${FF[@]}" \
      -f lavfi -i "color=c=${bg}:s=${w}x${h}:r=${FPS}:d=${dur}" \
      -f lavfi -i "color=c=${accent}:s=${w}x${bar_h}:r=${FPS}:d=${dur}" \
      -f lavfi -i "sine=frequency=${tone}:sample_rate=${AUDIO_RATE}:duration=${dur}" \
      -filter_complex "${vf};${af}" -map "[v]" -map "[a]" -t "$dur" \
      -c:v libx264 -preset slow -profile:v main -level:v "$level" -pix_fmt yuv420p \
      -crf 30 -tune stillimage -r "$FPS" -g "$GOP" -keyint_min "$GOP" -sc_threshold 0 \
      -c:a aac -b:a 64k -ac 2 -ar "$AUDIO_RATE" \
      -map_metadata -1 -metadata title="Dracin sample ${num} (${rname})" \
      -fflags +bitexact -flags:v +bitexact -flags:a +bitexact \
      -movflags +faststart "$mp4"
    check_duration "$mp4" "$dur"
    # The real average bit rate (audio and video, container included) and size, for the catalog.
    read -r bytes bitrate < <(ffprobe -v error -show_entries format=size,bit_rate -of default=nw=1:nk=1 "$mp4" | paste -sd' ')
    [[ "$bytes" =~ ^[0-9]+$ && "$bitrate" =~ ^[0-9]+$ ]] || die "$mp4: ffprobe gave no size or bit rate"
    json_renditions+=("{ \"quality\": \"${rname}\", \"width\": ${w}, \"height\": ${h}, \"bytes\": ${bytes}, \"bitrate\": ${bitrate} }")
    echo "    $(basename "$mp4"): ${w}x${h}, ${bytes} bytes, ${bitrate} b/s"

    # HLS rendition: remux the MP4 (no re-encode) into 4 s MPEG-TS segments.
    mkdir -p "$dir/$rname"
    "${FF[@]}" -i "$mp4" -map 0 -c copy -fflags +bitexact \
      -f hls -hls_time "$HLS_TIME" -hls_playlist_type vod -hls_segment_type mpegts \
      -hls_flags independent_segments \
      -hls_segment_filename "$dir/$rname/seg-%03d.ts" "$dir/$rname/index.m3u8"
    grep -q '^#EXT-X-ENDLIST' "$dir/$rname/index.m3u8" || die "$rname/index.m3u8 not VOD"

    read -r peak avg < <(hls_bandwidth "$dir/$rname" index.m3u8)
    codecs="$(avc1_codec "$mp4"),mp4a.40.2"
    master_entries+=("#EXT-X-STREAM-INF:BANDWIDTH=${peak},AVERAGE-BANDWIDTH=${avg},RESOLUTION=${w}x${h},FRAME-RATE=${FPS}.000,CODECS=\"${codecs}\"")
    master_entries+=("${rname}/index.m3u8")
    echo "    ${rname}/index.m3u8: $(grep -c '^#EXTINF' "$dir/$rname/index.m3u8") segments, peak ${peak} b/s, ${codecs}"
  done

  {
    echo "#EXTM3U"
    echo "#EXT-X-VERSION:6"  # same as the media playlists ffmpeg writes
    echo "#EXT-X-INDEPENDENT-SEGMENTS"
    printf '%s\n' "${master_entries[@]}"
  } >"$dir/master.m3u8"

  for lang in en id; do
    src="$SUBS_SRC/$name.$lang.vtt"
    [[ -f "$src" ]] || die "missing $src"
    head -n1 "$src" | grep -q '^WEBVTT' || die "$src does not start with WEBVTT"
    last_end="$(grep -o -- '--> [0-9:.]*' "$src" | tail -n1 | cut -c5-)"
    [[ "$last_end" == "$(vtt_time "$dur")" ]] \
      || die "$src: last cue ends at $last_end, expected ${dur} s"
    cp "$src" "$dir/subs.$lang.vtt"
    desc="$SUBS_SRC/$name.desc.$lang.vtt"
    [[ -f "$desc" ]] || die "missing $desc"
    head -n1 "$desc" | grep -q '^WEBVTT' || die "$desc does not start with WEBVTT"
    cp "$desc" "$dir/desc.$lang.vtt"
  done

  json_samples+=("${name} ${orientation} ${dur} $(IFS='|'; echo "${json_renditions[*]}")")
done

# app/catalog/sample-media.json, laid out as Prettier would write it.
{
  echo '{'
  echo '  "$comment": "Written by scripts/make-media.sh from the files it made; do not edit. bitrate: ffprobe format bit_rate, b/s.",'
  echo '  "samples": {'
  for i in "${!json_samples[@]}"; do
    read -r name orientation dur renditions <<<"${json_samples[$i]}"
    echo "    \"${name}\": {"
    echo "      \"orientation\": \"${orientation}\","
    echo "      \"duration\": ${dur},"
    echo '      "renditions": ['
    IFS='|' read -r -a rows <<<"$renditions"
    for j in "${!rows[@]}"; do
      [[ $j -lt $((${#rows[@]} - 1)) ]] && comma=, || comma=
      echo "        ${rows[$j]}${comma}"
    done
    echo '      ]'
    [[ $i -lt $((${#json_samples[@]} - 1)) ]] && echo '    },' || echo '    }'
  done
  echo '  }'
  echo '}'
} >"$STAGE/sample-media.json"

mv "$STAGE/sample-media.json" "$RENDITIONS_JSON"
rm -rf "$OUT"
mv "$STAGE" "$OUT"
chmod 755 "$OUT"
trap - EXIT

echo
echo "==> files"
(cd "$OUT" && find . -type f | sort | xargs stat -c '%10s  %n')
echo
echo "==> total: $(du -sb "$OUT" | cut -f1) bytes ($(du -sh "$OUT" | cut -f1))"
