import { describe, expect, it } from 'vitest';
import { linearTicks, scaleLinear, scaleSeries, seriesSummary, tickLabel, timeTicks } from './chart';

const box = { width: 220, height: 120, padding: { top: 10, right: 10, bottom: 10, left: 10 } };
const day = 86_400_000;

describe('scaleLinear', () => {
  it('maps the domain onto the range, inverted for SVG y', () => {
    const y = scaleLinear([0, 100], [110, 10]);
    expect(y(0)).toBe(110);
    expect(y(100)).toBe(10);
    expect(y(50)).toBe(60);
  });
  it('maps a flat domain to the middle', () => {
    expect(scaleLinear([5, 5], [0, 100])(5)).toBe(50);
  });
});

describe('scaleSeries', () => {
  it('draws one line through the points, y from 0 to 100', () => {
    const chart = scaleSeries(
      [
        { x: 0, y: 0 },
        { x: day, y: 50 },
        { x: 2 * day, y: 100 },
      ],
      box,
    );
    expect(chart.path).toBe('M10 110 L110 60 L210 10');
    expect(chart.points).toHaveLength(3);
  });

  it('leaves a gap where a day has no value', () => {
    const chart = scaleSeries(
      [
        { x: 0, y: 40 },
        { x: day, y: null },
        { x: 2 * day, y: 60 },
        { x: 3 * day, y: 80 },
      ],
      box,
    );
    expect(chart.path.match(/M/g)).toHaveLength(2);
    expect(chart.points).toHaveLength(3);
  });

  it('places a single point in the middle and an empty series draws nothing', () => {
    expect(scaleSeries([{ x: 5, y: 50 }], box).path).toBe('M110 60');
    expect(scaleSeries([], box).path).toBe('');
  });

  it('uses a given x domain (the window of the trend), not only the data span', () => {
    const chart = scaleSeries([{ x: day, y: 0 }], box, [0, 100], [0, 2 * day]);
    expect(chart.points[0]!.x).toBe(110);
  });
});

describe('ticks', () => {
  it('spreads score ticks evenly', () => {
    expect(linearTicks(0, 100)).toEqual([0, 25, 50, 75, 100]);
  });
  it('labels whole days, first and last included', () => {
    const ticks = timeTicks(0, 14 * day, 5);
    expect(ticks[0]).toBe(0);
    expect(ticks.at(-1)).toBe(14 * day);
    expect(ticks.length).toBeGreaterThanOrEqual(4);
    expect(ticks.length).toBeLessThanOrEqual(6);
  });
  it('labels days for two weeks and months for a year', () => {
    expect(tickLabel(Date.UTC(2025, 2, 12), 14)).toBe('12 Mar');
    expect(tickLabel(Date.UTC(2025, 2, 12), 365)).toBe('Mar 2025');
  });
});

describe('seriesSummary', () => {
  it('reports the change from the first to the last known value', () => {
    expect(seriesSummary([{ x: 0, y: null }, { x: 1, y: 40 }, { x: 2, y: 55.5 }])).toEqual({ first: 40, last: 55.5, change: 15.5, min: 40, max: 55.5 });
    expect(seriesSummary([{ x: 0, y: null }])).toEqual({});
  });
});
