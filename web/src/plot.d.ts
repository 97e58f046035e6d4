declare module '@observablehq/plot';
