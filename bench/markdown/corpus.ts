// A deterministic, LLM-shaped markdown answer of any length: headings, paragraphs with inline markup and
// links, bullet/numbered/task lists, fenced code, tables and quotes, in the proportions a long technical
// reply has. Seeded, so every renderer streams exactly the same bytes.

import { mulberry32 } from '../../dev/fake-llm/fakeSSE.ts';

const WORDS = (
  'stream token render block parser cache layout commit react state effect server client request response ' +
  'buffer chunk event message reply model latency throughput memory string array object function module ' +
  'component element value index offset length update batch frame browser network retry timeout error ' +
  'signal abort queue worker thread schedule priority reconcile diff patch node tree branch leaf root'
).split(' ');

export function buildAnswer(totalChars: number, seed = 42): string {
  const rand = mulberry32(seed);
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const word = () => pick(WORDS);
  const inline = () => {
    const r = rand();
    if (r < 0.06) return `**${word()} ${word()}**`;
    if (r < 0.1) return `_${word()}_`;
    if (r < 0.16) return `\`${word()}${pick(['()', '.length', '[0]', ''])}\``;
    if (r < 0.18) return `[${word()} docs](https://example.com/${word()}/${word()})`;
    return word();
  };
  const sentence = () => {
    const words = Array.from({ length: int(6, 18) }, inline);
    const s = words.join(' ');
    return s.charAt(0).toUpperCase() + s.slice(1) + pick(['.', '.', '.', '?', ':']);
  };
  const paragraph = () => Array.from({ length: int(2, 5) }, sentence).join(' ');
  const code = () => {
    const lang = pick(['ts', 'tsx', 'python', 'bash', 'json']);
    const lines = Array.from({ length: int(4, 22) }, (_, i) => {
      const indent = '  '.repeat(int(0, 2));
      if (lang === 'python') return `${indent}${word()}_${i} = ${word()}(${word()}, ${int(0, 99)})`;
      if (lang === 'bash') return `${word()} --${word()} ${word()}/${word()}.txt`;
      if (lang === 'json') return `${indent}"${word()}": ${int(0, 999)},`;
      return `${indent}const ${word()}${i} = ${word()}(${word()}, ${int(0, 99)}); // ${word()} ${word()}`;
    });
    return '```' + lang + '\n' + lines.join('\n') + '\n```';
  };
  const list = () => {
    const ordered = rand() < 0.35;
    const task = !ordered && rand() < 0.15;
    return Array.from({ length: int(3, 7) }, (_, i) => {
      const marker = ordered ? `${i + 1}.` : '-';
      const box = task ? (rand() < 0.5 ? '[x] ' : '[ ] ') : '';
      const item = `${marker} ${box}${sentence()}`;
      return rand() < 0.2 ? `${item}\n   - ${sentence()}` : item;
    }).join('\n');
  };
  const table = () => {
    const cols = int(3, 4);
    const head = `| ${Array.from({ length: cols }, word).join(' | ')} |`;
    const rule = `|${' --- |'.repeat(cols)}`;
    const rows = Array.from({ length: int(3, 8) }, () => `| ${Array.from({ length: cols }, inline).join(' | ')} |`);
    return [head, rule, ...rows].join('\n');
  };
  const quote = () => `> ${sentence()} ${sentence()}`;

  const blocks: string[] = [];
  let length = 0;
  let section = 0;
  while (length < totalChars) {
    let block: string;
    const r = rand();
    if (blocks.length === 0 || r < 0.07) block = `## ${++section}. ${sentence().replace(/[.?:]$/, '')}`;
    else if (r < 0.55) block = paragraph();
    else if (r < 0.72) block = list();
    else if (r < 0.87) block = code();
    else if (r < 0.95) block = table();
    else block = quote();
    blocks.push(block);
    length += block.length + 2;
  }
  return blocks.join('\n\n').slice(0, totalChars);
}
