// Every prop of <ChatWindow> with its description, type and default, read from the TypeScript types and their JSDoc,
// written to stories/generated/chatWindowArgTypes.json for the Storybook docs page (react-docgen sees only a few of
// them: the props are a union of the window's own props and the hook's options).
// `node scripts/props-docs.mjs` writes it; `--check` exits 1 when the file is out of date.
import ts from 'typescript';
import { readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const source = join(root, 'src/components/ChatWindow.tsx');
const out = join(root, 'stories/generated/chatWindowArgTypes.json');

const { config } = ts.readConfigFile(join(root, 'tsconfig.json'), ts.sys.readFile);
const { options } = ts.parseJsonConfigFileContent(config, ts.sys, root);
const program = ts.createProgram([source], { ...options, noEmit: true });
const checker = program.getTypeChecker();
const file = program.getSourceFile(source);
const exports = checker.getExportsOfModule(checker.getSymbolAtLocation(file));
const typeOf = (name) => checker.getDeclaredTypeOfSymbol(exports.find((s) => s.name === name));

const CATEGORY = { ChatWindowOwnProps: 'ChatWindow', ChatStreamOptions: 'useChatStream options' };

function describeProp(prop, category) {
  const decl = prop.declarations?.[0];
  const type = checker.typeToString(checker.getTypeOfSymbolAtLocation(prop, decl), undefined, ts.TypeFormatFlags.NoTruncation);
  const defaultTag = prop.getJsDocTags(checker).find((t) => t.name === 'default');
  const description = ts.displayPartsToString(prop.getDocumentationComment(checker)).replace(/\s+/g, ' ').trim();
  return {
    description,
    table: {
      category,
      type: { summary: type.replace(/ \| undefined$/, '') },
      ...(defaultTag ? { defaultValue: { summary: ts.displayPartsToString(defaultTag.text).trim() } } : {}),
    },
  };
}

const argTypes = {};
for (const prop of checker.getPropertiesOfType(typeOf('ChatWindowOptionsProps'))) {
  const decl = prop.declarations?.[0];
  const owner = decl && ts.isInterfaceDeclaration(decl.parent) ? decl.parent.name.text : undefined;
  // DOM attributes (from @types/react) are passed through to the root element; they are not listed one by one.
  if (!owner || !(owner in CATEGORY)) continue;
  argTypes[prop.name] = describeProp(prop, CATEGORY[owner]);
}
const chat = checker.getPropertyOfType(typeOf('ChatWindowControlledProps'), 'chat');
argTypes.chat = {
  ...describeProp(chat, 'ChatWindow'),
  description: 'Controlled mode: the result of `useChatStream` (or anything shaped like it); the hook options are then not accepted.',
};
argTypes.chat.table.type.summary = 'ChatController';

const text = `${JSON.stringify(argTypes, null, 2)}\n`;
if (process.argv.includes('--check')) {
  if (!existsSync(out) || readFileSync(out, 'utf8') !== text) {
    console.error(`${out} is out of date: run npm run docs:props`);
    process.exit(1);
  }
} else {
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, text);
  console.log(`props-docs: ${Object.keys(argTypes).length} ChatWindow props -> ${out}`);
}
