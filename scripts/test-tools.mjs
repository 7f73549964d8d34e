#!/usr/bin/env node
// The programs `npm test` needs besides Node and a browser (the Playwright
// config finds one), each from a Debian package: a Java runtime for the Nu Html
// Checker, openssl for the text browser journey over HTTPS, the light engines and
// text browsers the readable tier is tested with, and rsyslog, the real syslog receiver
// the audit shipper is tested against. On a machine that
// lacks some, as root with apt-get (a fresh Debian machine or container), this
// installs them; anywhere else it names the packages and fails. `--print-missing`
// only prints the packages to install.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

/** command → the Debian packages that provide it (and the data it needs). */
export const TEST_TOOLS = {
  java: "default-jre-headless",
  openssl: "openssl",
  lynx: "lynx",
  w3m: "w3m",
  "netsurf-gtk": "netsurf-gtk",
  dillo: "dillo",
  Xvfb: "xvfb",
  xwd: "x11-apps",
  tesseract: "tesseract-ocr tesseract-ocr-eng",
  rsyslogd: "rsyslog",
};
/** Where Debian puts daemons: often not on a user's PATH, so looked for there too (as the tests do). */
const SBIN = ["/usr/sbin", "/sbin"];
/** Fonts the screenshots need: Latin text, and the Chinese titles. */
const FONT_PACKAGES = ["fonts-dejavu-core", "fonts-noto-cjk"];

const has = (command) =>
  spawnSync("sh", ["-c", `command -v ${command}`], { stdio: "ignore" }).status === 0 ||
  SBIN.some((dir) => existsSync(`${dir}/${command}`));

const missing = Object.entries(TEST_TOOLS)
  .filter(([command]) => !has(command))
  .flatMap(([, pkgs]) => pkgs.split(" "));

const packages = missing.length > 0 ? [...new Set([...missing, ...FONT_PACKAGES])] : [];
if (process.argv.includes("--print-missing")) {
  // For .ci/run, which installs them with the rest of what CI needs.
  console.log(packages.join(" "));
} else if (packages.length > 0) {
  const command = `apt-get update && apt-get install -y --no-install-recommends ${packages.join(" ")}`;
  const root = typeof process.getuid === "function" && process.getuid() === 0;
  if (!root || !has("apt-get")) {
    console.error(`npm test needs programs this machine lacks. On Debian or Ubuntu, as root:\n  ${command}`);
    process.exit(1);
  }
  console.log(`== installing what the tests need: ${packages.join(" ")}`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit", env });
  execFileSync("apt-get", ["install", "-y", "-qq", "--no-install-recommends", ...packages], { stdio: "inherit", env });
}
