import { describe, expect, it } from 'vitest';
import {
  CELL,
  PITCH,
  arrange,
  bounds,
  cellScale,
  freeSlots,
  itemRect,
  moved,
  parseBoard,
  placeInCell,
  serializeBoard,
  slotRect,
  withItem,
  withoutItem,
} from './board';

const ID = (n: number): string => `aaaaaaa${n}`;

describe('board layout', () => {
  it('enlarges small images by whole multiples and shrinks large ones to a cell', () => {
    expect(cellScale(48, 48)).toBe(4);
    expect(cellScale(64, 64)).toBe(3);
    expect(cellScale(512, 512)).toBeCloseTo(CELL / 512);
    expect(cellScale(0, 0)).toBeGreaterThan(0);
  });

  it('places an image centred in its cell', () => {
    const it = placeInCell(ID(1), 48, 48, slotRect(5));
    expect(it).toEqual({ id: ID(1), width: 48, height: 48, scale: 4, x: PITCH, y: PITCH });
    expect(itemRect(it)).toEqual({ x: PITCH, y: PITCH, width: 192, height: 192 });
  });

  it('finds free cells around what is on the board and reserved', () => {
    const a = placeInCell(ID(1), 48, 48, slotRect(0));
    const b = placeInCell(ID(2), 48, 48, slotRect(2));
    const slots = freeSlots([itemRect(a), itemRect(b)], 3);
    expect(slots).toEqual([slotRect(1), slotRect(3), slotRect(4)]);
    // A moved image frees its cell.
    const away = moved([a], ID(1), 5000, 5000);
    expect(freeSlots(away.map(itemRect), 1)).toEqual([slotRect(0)]);
  });

  it('re-grids in board order and bounds the board', () => {
    const items = [
      placeInCell(ID(1), 48, 48, { x: 900, y: 40, width: CELL, height: CELL }),
      placeInCell(ID(2), 64, 64, slotRect(7)),
    ];
    const grid = arrange(items);
    expect(grid.map((i) => [i.x, i.y])).toEqual([
      [0, 0],
      [PITCH, 0],
    ]);
    expect(bounds(grid.map(itemRect))).toEqual({ x: 0, y: 0, width: PITCH + CELL, height: CELL });
    expect(bounds([])).toBe(null);
  });

  it('adds, replaces, removes, moves and scales items', () => {
    const a = placeInCell(ID(1), 48, 48, slotRect(0));
    let list = withItem([], a);
    list = withItem(list, { ...a, x: 10 });
    expect(list).toHaveLength(1);
    expect(list[0]!.x).toBe(10);
    list = moved(list, ID(1), 20, 30, 2);
    expect(list[0]).toMatchObject({ x: 20, y: 30, scale: 2 });
    expect(moved(list, ID(1), NaN, 1, -1)[0]).toMatchObject({ x: 20, y: 1, scale: 2 });
    expect(withoutItem(list, ID(1))).toEqual([]);
  });
});

describe('stored boards', () => {
  it('round-trips and drops malformed items', () => {
    const items = [placeInCell(ID(1), 48, 48, slotRect(0)), placeInCell(ID(2), 48, 48, slotRect(1))];
    expect(parseBoard(JSON.parse(JSON.stringify(serializeBoard(items))))).toEqual(items);
    expect(
      parseBoard({
        items: [
          { ...items[0] },
          { ...items[0] },
          { ...items[1], id: 'NOT AN ID' },
          { ...items[1], scale: 0 },
          { ...items[1], width: 'x' },
          null,
        ],
      }),
    ).toEqual([items[0]]);
    expect(parseBoard('nonsense')).toEqual([]);
  });
});
