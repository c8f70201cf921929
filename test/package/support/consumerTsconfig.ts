/** `create-vite`'s react-ts compiler options (tsconfig.app.json): what a fresh app typechecks with. */
export const viteTemplateTsconfig = {
  compilerOptions: {
    target: 'ES2022',
    lib: ['ES2022', 'DOM', 'DOM.Iterable'],
    module: 'ESNext',
    moduleResolution: 'Bundler',
    jsx: 'react-jsx',
    strict: true,
    noUnusedLocals: true,
    noUnusedParameters: true,
    noFallthroughCasesInSwitch: true,
    noUncheckedSideEffectImports: true,
    verbatimModuleSyntax: true,
    isolatedModules: true,
    moduleDetection: 'force',
    allowImportingTsExtensions: true,
    skipLibCheck: true,
    noEmit: true,
    types: ['vite/client'],
  },
  include: ['src'],
};

/** The template made stricter still, for typechecking imports of the package's declarations. */
export const strictTsconfig = {
  ...viteTemplateTsconfig,
  compilerOptions: {
    ...viteTemplateTsconfig.compilerOptions,
    noUncheckedIndexedAccess: true,
    exactOptionalPropertyTypes: true,
    noImplicitOverride: true,
  },
};
