// Types (build only): stylesheets imported as modules — vite injects them; a dynamic import resolves once they apply.
declare module '*.css';
