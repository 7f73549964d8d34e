/**
 * Screenshots of a virtual X display for the light-engine test
 * (tests/integration/light-engines.test.ts), without an image library: Xvfb
 * for the display, `xwd` for the capture (read here: the XWD format is a
 * header and raw pixels), PNG and PPM written here (PNG for people to look
 * at, PPM for tesseract), `tesseract` for the words on screen.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import zlib from "node:zlib";
import { runProgram } from "./light-browsers";

/** 8-bit RGB pixels, row after row. */
export interface Image {
  width: number;
  height: number;
  rgb: Buffer;
}

export interface Display {
  name: string;
  process: ChildProcess;
  stop: () => Promise<void>;
}

/** Starts Xvfb on a free display number (Xvfb picks it: -displayfd). */
export function startXvfb(width: number, height: number): Promise<Display> {
  return new Promise((resolve, reject) => {
    const child = spawn("Xvfb", ["-displayfd", "3", "-screen", "0", `${width}x${height}x24`, "-nolisten", "tcp"], {
      stdio: ["ignore", "ignore", "pipe", "pipe"],
    });
    let log = "";
    let number = "";
    const exited = new Promise<void>((done) => child.once("exit", () => done()));
    const timer = setTimeout(() => reject(new Error(`Xvfb did not start: ${log}`)), 10_000);
    child.stderr?.on("data", (chunk: Buffer) => (log += chunk.toString()));
    child.stdio[3]?.on("data", (chunk: Buffer) => {
      number += chunk.toString();
      if (!number.includes("\n")) return;
      clearTimeout(timer);
      resolve({
        name: `:${number.trim()}`,
        process: child,
        stop: async () => {
          if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
          await exited;
        },
      });
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`Xvfb exited with ${code}: ${log}`));
    });
  });
}

/** The display's root window as an XWD file (read it with readXwd). */
export function capture(display: string): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    const child = spawn("xwd", ["-root", "-silent", "-display", display], { stdio: ["ignore", "pipe", "pipe"] });
    const chunks: Buffer[] = [];
    let error = "";
    child.stdout.on("data", (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => (error += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve(Buffer.concat(chunks)) : reject(new Error(`xwd: ${error}`))));
  });
}

function shiftOf(mask: number): number {
  let shift = 0;
  while (shift < 32 && ((mask >>> shift) & 1) === 0) shift += 1;
  return shift;
}

/**
 * The top-left `cropWidth` × `cropHeight` of a TrueColor ZPixmap XWD file with 24 or 32 bits per pixel (what
 * xwd writes for Xvfb's 24-bit screen).
 */
export function readXwd(file: Buffer, cropWidth: number, cropHeight: number): Image {
  const field = (index: number) => file.readUInt32BE(index * 4);
  const headerSize = field(0);
  const [format, width, height, byteOrder, bitsPerPixel, bytesPerLine] = [
    field(2),
    field(4),
    field(5),
    field(7),
    field(11),
    field(12),
  ];
  const [redMask, greenMask, blueMask, colours] = [field(14), field(15), field(16), field(19)];
  if (format !== 2 || (bitsPerPixel !== 32 && bitsPerPixel !== 24)) {
    throw new Error(`unexpected XWD: format ${format}, ${bitsPerPixel} bits per pixel`);
  }
  const bytes = bitsPerPixel / 8;
  const start = headerSize + colours * 12;
  if (cropWidth > width || cropHeight > height) throw new Error(`the screen (${width}×${height}) is too small`);
  const rgb = Buffer.alloc(cropWidth * cropHeight * 3);
  const shifts = [shiftOf(redMask), shiftOf(greenMask), shiftOf(blueMask)];
  for (let y = 0; y < cropHeight; y += 1) {
    for (let x = 0; x < cropWidth; x += 1) {
      const offset = start + y * bytesPerLine + x * bytes;
      const pixel = byteOrder === 0 ? file.readUIntLE(offset, bytes) : file.readUIntBE(offset, bytes);
      const at = (y * cropWidth + x) * 3;
      rgb[at] = (pixel >>> shifts[0]) & 0xff;
      rgb[at + 1] = (pixel >>> shifts[1]) & 0xff;
      rgb[at + 2] = (pixel >>> shifts[2]) & 0xff;
    }
  }
  return { width: cropWidth, height: cropHeight, rgb };
}

/** Mean absolute channel difference of two images of one size over the given pixel indexes. */
export function distance(a: Image, b: Image, pixels: number[]): number {
  if (pixels.length === 0) return 0;
  let sum = 0;
  for (const pixel of pixels) {
    for (let channel = 0; channel < 3; channel += 1)
      sum += Math.abs(a.rgb[pixel * 3 + channel] - b.rgb[pixel * 3 + channel]);
  }
  return sum / (pixels.length * 3);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of data) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

export function writePng(file: string, image: Image): void {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(image.width, 0);
  header.writeUInt32BE(image.height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const rows = Buffer.alloc((image.width * 3 + 1) * image.height);
  for (let y = 0; y < image.height; y += 1) {
    image.rgb.copy(rows, y * (image.width * 3 + 1) + 1, y * image.width * 3, (y + 1) * image.width * 3);
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  fs.writeFileSync(
    file,
    Buffer.concat([
      signature,
      chunk("IHDR", header),
      chunk("IDAT", zlib.deflateSync(rows)),
      chunk("IEND", Buffer.alloc(0)),
    ]),
  );
}

/** The words tesseract reads on the image, scaled up `scale` times first (small text reads better). */
export async function readText(image: Image, file: string, scale = 1): Promise<string> {
  const width = image.width * scale;
  const height = image.height * scale;
  const pixels = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const from = (Math.floor(y / scale) * image.width + Math.floor(x / scale)) * 3;
      image.rgb.copy(pixels, (y * width + x) * 3, from, from + 3);
    }
  }
  fs.writeFileSync(file, Buffer.concat([Buffer.from(`P6\n${width} ${height}\n255\n`, "latin1"), pixels]));
  const result = await runProgram("tesseract", [file, "stdout", "-l", "eng", "--psm", "3"], {
    timeoutMs: 30_000,
    env: { ...process.env, OMP_THREAD_LIMIT: "1" },
  });
  if (result.code !== 0) throw new Error(`tesseract failed: ${result.stderr}`);
  return result.stdout;
}
