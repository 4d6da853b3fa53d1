// Encodes each line of a JSON array (argv[2]) with js-tiktoken's GPT-2 encoding (special tokens as ordinary text) and
// prints a JSON array: the ids of each line, or null for a line with a code point that this engine's Unicode tables
// leave unassigned (\p{Cn}): its category may differ from .NET's newer tables, so the line compares nothing.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(process.argv[3] + "/");
const { Tiktoken } = require("js-tiktoken/lite");
const gpt2 = require("js-tiktoken/ranks/gpt2");
const enc = new Tiktoken(gpt2.default ?? gpt2);
const lines = JSON.parse(readFileSync(process.argv[2], "utf8"));
const unassigned = /\p{Cn}/u;
process.stdout.write(JSON.stringify(lines.map((line) => (unassigned.test(line) ? null : enc.encode(line, [], [])))));
