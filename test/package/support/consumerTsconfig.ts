/** `create-vite`'s react-ts settings (strict, bundler resolution, vite/client types), made stricter still. */
export const strictTsconfig = {
  compilerOptions: {
    target: 'ES2022',
    lib: ['ES2022', 'DOM', 'DOM.Iterable'],
    module: 'ESNext',
    moduleResolution: 'Bundler',
    jsx: 'react-jsx',
    strict: true,
    noUncheckedIndexedAccess: true,
    exactOptionalPropertyTypes: true,
    noImplicitOverride: true,
    noUnusedLocals: true,
    verbatimModuleSyntax: true,
    isolatedModules: true,
    skipLibCheck: true,
    allowImportingTsExtensions: true,
    noUnusedParameters: true,
    noUncheckedSideEffectImports: true,
    noEmit: true,
    types: ['vite/client'],
  },
  include: ['src'],
};
