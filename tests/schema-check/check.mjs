// What specs/nfnet.schema.json makes an editor report while you type, asked of yaml-language-server (the server of
// VS Code's YAML extension, also used by Neovim, Helix and JetBrains' LSP clients) over the Language Server Protocol.
// Each case is opened as an unsaved *.nfnet.yaml document next to the schema; the script prints every diagnostic the
// server publishes, a completion and a hover, then checks them against expectations written by hand from the schema.
//
//   cd tests/schema-check && npm ci && node check.mjs        (exit code 0: every expectation holds)
//
// Run with Node.js 20 (yaml-language-server 2.x needs 22.13, hence 1.25.0); nothing here runs in `dotnet test`.

import { spawn } from "node:child_process";
import { fileURLToPath, pathToFileURL } from "node:url";
import path from "node:path";

const here = path.dirname(fileURLToPath(import.meta.url));
const specs = path.resolve(here, "..", "..", "specs");
const schemaUri = pathToFileURL(path.join(specs, "nfnet.schema.json")).href;
const modeline = "# yaml-language-server: $schema=nfnet.schema.json\n";

// name → [text, expected diagnostics as [line, offending text, words in the message]]. The expected column is where
// the offending text starts on that line (1-based, as the build prints it), found in the text itself.
const cases = {
  "shipped-spec-is-clean": [null, []],
  "wrong-type": [modeline + "variants:\n  F0: { width: [256], depth: [1], trainImageSize: \"192\" }\n", [[3, "\"192\"", "Incorrect type. Expected \"integer\""]]],
  "unknown-activation": [modeline + "variants:\n  F0: { width: [256], depth: [1], trainImageSize: 64, activation: swish }\n", [[3, "swish", "Value is not accepted. Valid values: \"celu\""]]],
  "alpha-above-range": [modeline + "variants:\n  F0: { width: [256], depth: [1], trainImageSize: 64, alpha: 3.5 }\n", [[3, "3.5", "Value is above the maximum of 1"]]],
  "drop-rate-at-exclusive-maximum": [modeline + "variants:\n  F0: { width: [256], depth: [1], trainImageSize: 64, dropRate: 1 }\n", [[3, "1 }", "exclusive maximum of 1"]]],
  "stride-not-1-or-2": [modeline + "variants:\n  F0: { width: [256, 512], depth: [1, 1], stride: [1, 3], trainImageSize: 64 }\n", [[3, "3]", "Value is not accepted. Valid values: 1, 2"]]],
  "misspelt-key": [modeline + "variants:\n  F0: { widht: [256], depth: [1], trainImageSize: 64 }\n", [[3, "widht", "Property widht is not allowed"]]],
  "variant-name-with-two-plus": [modeline + "variants:\n  F0++: { width: [256], depth: [1], trainImageSize: 64 }\n", [[3, "F0++", "String does not match the pattern"]]],
  // Without the modeline, through the editor's settings ("yaml.schemas": { ".../nfnet.schema.json": "*.nfnet.yaml" }).
  "associated-by-settings": ["variants:\n  F0: { width: [256], depth: [1], trainImageSize: 0 }\n", [[2, "0 }", "Value is below the minimum of 1"]]],
  // The server's own YAML parser reports syntax errors, in its own words and place (NFN001 names the '[' itself).
  "unclosed-bracket": [modeline + "variants:\n  F0:\n    width: [64, 128, 256\n    depth: [1, 2, 3]\n    trainImageSize: 64\n", "any"],
  // Rules across keys and variants are the compiler's alone: the schema cannot see them, so nothing is reported here.
  "per-stage-lengths-differ": [modeline + "variants:\n  F0: { width: [256, 512], depth: [1, 2, 6], trainImageSize: 64 }\n", []],
  "unknown-base": [modeline + "variants:\n  F0: { width: [256], depth: [1], trainImageSize: 64 }\n  F1: { base: Fo }\n", []],
};

const server = spawn(process.execPath, [path.join(here, "node_modules", "yaml-language-server", "bin", "yaml-language-server"), "--stdio"], { stdio: ["pipe", "pipe", "inherit"] });
let buffer = Buffer.alloc(0);
let nextId = 1;
const pending = new Map();
const published = new Map();
const settings = { yaml: { validate: true, hover: true, completion: true, format: { enable: false }, schemaStore: { enable: false }, schemas: { [schemaUri]: "*.nfnet.yaml" } } };

function send(message) {
  const body = Buffer.from(JSON.stringify({ jsonrpc: "2.0", ...message }), "utf8");
  server.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
  server.stdin.write(body);
}
function request(method, params) {
  const id = nextId++;
  send({ id, method, params });
  return new Promise((resolve) => pending.set(id, resolve));
}
server.stdout.on("data", (chunk) => {
  buffer = Buffer.concat([buffer, chunk]);
  for (;;) {
    const headerEnd = buffer.indexOf("\r\n\r\n");
    if (headerEnd < 0) return;
    const length = Number(/Content-Length: (\d+)/i.exec(buffer.subarray(0, headerEnd).toString())[1]);
    if (buffer.length < headerEnd + 4 + length) return;
    const message = JSON.parse(buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString("utf8"));
    buffer = buffer.subarray(headerEnd + 4 + length);
    if (message.id !== undefined && message.method === undefined) {
      pending.get(message.id)?.(message.result);
      pending.delete(message.id);
    } else if (message.method === "workspace/configuration") {
      send({ id: message.id, result: message.params.items.map((item) => (item.section === "yaml" ? settings.yaml : null)) });
    } else if (message.method === "textDocument/publishDiagnostics") {
      published.set(message.params.uri, message.params.diagnostics);
    } else if (message.id !== undefined) {
      send({ id: message.id, result: null }); // client/registerCapability and the like
    }
  }
});

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
async function diagnosticsOf(uri) {
  for (let waited = 0; waited < 10000 && !published.has(uri); waited += 50) await sleep(50);
  return published.get(uri) ?? null;
}

await request("initialize", { processId: process.pid, rootUri: pathToFileURL(path.resolve(specs, "..")).href, capabilities: { workspace: { configuration: true } } });
send({ method: "initialized", params: {} });
send({ method: "workspace/didChangeConfiguration", params: { settings } });

const fs = await import("node:fs");
let failures = 0;
for (const [name, [text, expected]] of Object.entries(cases)) {
  const uri = pathToFileURL(path.join(specs, `${name}.nfnet.yaml`)).href; // never written: the editor's unsaved buffer
  const content = text ?? fs.readFileSync(path.join(specs, "nfnet.nfnet.yaml"), "utf8");
  send({ method: "textDocument/didOpen", params: { textDocument: { uri, languageId: "yaml", version: 1, text: content } } });
  const diagnostics = await diagnosticsOf(uri);
  const shown = (diagnostics ?? []).map((d) => [d.range.start.line + 1, d.range.start.character + 1, d.message.replace(/\s+/g, " ")]);
  console.log(`${name}:`);
  for (const [line, column, message] of shown) console.log(`  (${line},${column}) ${message}`);
  if (shown.length === 0) console.log("  (no diagnostics)");
  const ok = diagnostics !== null && (expected === "any"
    ? shown.length > 0
    : shown.length === expected.length && expected.every(([line, token, words], i) =>
        shown[i][0] === line && shown[i][1] === content.split("\n")[line - 1].indexOf(token) + 1 && shown[i][2].includes(words)));
  if (!ok) {
    failures++;
    console.log(`  FAILED: expected ${JSON.stringify(expected)}`);
  }
}

// While typing: keys offered inside a variant, and a key's documentation on hover (both from the schema).
const typing = pathToFileURL(path.join(specs, "typing.nfnet.yaml")).href;
send({ method: "textDocument/didOpen", params: { textDocument: { uri: typing, languageId: "yaml", version: 1, text: modeline + "variants:\n  F0:\n    alpha: 0.2\n    \n" } } });
await diagnosticsOf(typing);
const completion = await request("textDocument/completion", { textDocument: { uri: typing }, position: { line: 4, character: 4 } });
const labels = (completion?.items ?? completion ?? []).map((item) => item.label).sort();
console.log(`completion in a variant: ${labels.join(", ")}`);
const hover = await request("textDocument/hover", { textDocument: { uri: typing }, position: { line: 3, character: 6 } });
const hoverText = (hover?.contents?.value ?? JSON.stringify(hover?.contents ?? null)).replace(/\s+/g, " ");
console.log(`hover on 'alpha': ${hoverText}`);
for (const key of ["width", "depth", "activation", "trainImageSize", "numerics"])
  if (!labels.includes(key)) { failures++; console.log(`  FAILED: completion lacks '${key}'`); }
if (!hoverText.includes("Residual branch scale")) { failures++; console.log("  FAILED: hover lacks alpha's description"); }

await request("shutdown", null);
send({ method: "exit" });
console.log(failures === 0 ? "schema check: every expectation holds" : `schema check: ${failures} expectation(s) failed`);
process.exit(failures === 0 ? 0 : 1);
