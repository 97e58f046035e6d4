import { link } from './dom';

/** The view is drawn from the URL: `go` changes it and draws again; a draw finishing after the view changed is dropped. */
let draw: () => Promise<void> = async () => undefined;
let generation = 0;

export function setDraw(render: () => Promise<void>): void {
  draw = async () => {
    generation += 1;
    await render();
  };
}

export const redraw = (): Promise<void> => draw();

/** Which draw is the latest: work that finishes under an older one is not shown. */
export const currentDraw = (): number => generation;

export function go(changes: Record<string, string | null>): void {
  history.pushState(null, '', link(changes));
  void draw();
}
