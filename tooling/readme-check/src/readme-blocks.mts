// The code blocks of a README, as the checker sees them. A TypeScript or JavaScript block is type-checked on its
// own (strict), as a reader would paste it. A block right after `<!-- example: <path> -->` must be that file,
// character for character (the file runs as a test); a ```text block right after `<!-- output -->` that follows
// an example is what the example prints.
export interface CodeBlock {
  /** 1-based line of the opening fence. */
  line: number;
  lang: string;
  code: string;
  /** How many lines the block's body has (between its fences). */
  bodyLines: number;
  /** The example file this block shows (`<!-- example: path -->` before it), relative to the README's folder. */
  example?: string;
  /** The expected output of the example before it (`<!-- output -->` before a block that follows an example). */
  outputOf?: string;
}

const TYPED = new Set(['ts', 'typescript', 'js', 'javascript', 'mjs']);

export function isTyped(block: CodeBlock): boolean {
  return TYPED.has(block.lang);
}

export function extension(block: CodeBlock): '.ts' | '.mjs' {
  return block.lang === 'ts' || block.lang === 'typescript' ? '.ts' : '.mjs';
}

export function codeBlocks(markdown: string): CodeBlock[] {
  const lines = markdown.split('\n');
  const blocks: CodeBlock[] = [];
  let lastExample: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,}|~{3,})\s*([\w-]*)/.exec(lines[i] ?? '');
    if (!open) continue;
    const [, indent = '', fence = '```', lang = ''] = open;
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length && !(lines[j] ?? '').trimStart().startsWith(fence); j++) {
      body.push((lines[j] ?? '').slice(indent.length));
    }
    let k = i - 1;
    while (k >= 0 && (lines[k] ?? '').trim() === '') k--;
    const marker = /^<!--\s*(example:\s*(\S+)|output)\s*-->$/.exec((lines[k] ?? '').trim());
    const block: CodeBlock = {
      line: i + 1,
      lang: lang.toLowerCase(),
      code: body.length === 0 ? '' : `${body.join('\n')}\n`,
      bodyLines: body.length,
    };
    if (marker?.[2]) {
      block.example = marker[2];
      lastExample = marker[2];
    } else if (marker?.[1] === 'output' && lastExample) {
      block.outputOf = lastExample;
    }
    blocks.push(block);
    i = j;
  }
  return blocks;
}
