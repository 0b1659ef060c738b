/**
 * Offline maps: country outlines from the bundled Natural Earth TopoJSON
 * (`world-atlas`), drawn as SVG with an equirectangular projection zoomed to
 * the places' bounding box. No tiles, no network.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { html, joinHtml, pathTo, type SafeHtml } from '../html-template.js';

type Ring = readonly (readonly number[])[];

export interface CountryShape {
  name: string;
  /** Each polygon's rings, first is the outer ring; [lon, lat] pairs. */
  polygons: { rings: Ring[]; bbox: [number, number, number, number] }[];
}

export interface WorldShapes {
  countries: CountryShape[];
}

export interface MapPlace {
  name: string;
  lat: number;
  lon: number;
  count: number;
}

/** Reads the bundled 1:50m country outlines (about 750 kB); callers keep the result. */
export function loadWorldShapes(): WorldShapes {
  const require = createRequire(import.meta.url);
  const file = require.resolve('world-atlas/countries-50m.json');
  return shapesFromTopology(JSON.parse(readFileSync(file, 'utf8')) as Topology);
}

export function shapesFromTopology(topology: Topology): WorldShapes {
  const object = topology.objects['countries'] as GeometryCollection<{ name?: string }> | undefined;
  if (!object) return { countries: [] };
  const fc = feature(topology, object);
  const countries: CountryShape[] = [];
  for (const f of fc.features) {
    const g = f.geometry;
    if (!g) continue;
    const polys: Ring[][] = g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : [];
    countries.push({
      name: f.properties?.name ?? '',
      polygons: polys.map((rings) => ({ rings, bbox: ringBbox(rings[0] ?? []) })),
    });
  }
  return { countries };
}

function ringBbox(ring: Ring): [number, number, number, number] {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const p of ring) {
    const x = p[0] ?? 0, y = p[1] ?? 0;
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  return [minX, minY, maxX, maxY];
}

export interface MapView {
  minLon: number;
  maxLon: number;
  minLat: number;
  maxLat: number;
  /** Horizontal scale so that shapes keep their look at mid latitude. */
  kx: number;
}

/** The bounding box of the places, padded, at least 6° wide, stretched to the frame's aspect ratio. */
export function viewFor(places: readonly MapPlace[], width: number, height: number): MapView {
  const valid = places.filter((p) => Number.isFinite(p.lat) && Number.isFinite(p.lon) && Math.abs(p.lat) <= 90 && Math.abs(p.lon) <= 180);
  let minLon = Math.min(...valid.map((p) => p.lon));
  let maxLon = Math.max(...valid.map((p) => p.lon));
  let minLat = Math.min(...valid.map((p) => p.lat));
  let maxLat = Math.max(...valid.map((p) => p.lat));
  if (valid.length === 0) [minLon, maxLon, minLat, maxLat] = [-170, 190, -58, 80];
  const padLon = Math.max((maxLon - minLon) * 0.2, 3);
  const padLat = Math.max((maxLat - minLat) * 0.2, 2);
  minLon -= padLon; maxLon += padLon; minLat -= padLat; maxLat += padLat;
  minLat = Math.max(minLat, -85); maxLat = Math.min(maxLat, 85);
  const midLat = (minLat + maxLat) / 2;
  const kx = Math.max(Math.cos((midLat * Math.PI) / 180), 0.2);
  // Grow the shorter side so the frame is filled without distortion.
  const w = (maxLon - minLon) * kx, h = maxLat - minLat;
  if (w / h < width / height) {
    const extra = (h * (width / height)) / kx - (maxLon - minLon);
    minLon -= extra / 2; maxLon += extra / 2;
  } else {
    const extra = w * (height / width) - h;
    minLat -= extra / 2; maxLat += extra / 2;
  }
  return { minLon, maxLon, minLat, maxLat, kx };
}

function project(view: MapView, width: number, height: number, lon: number, lat: number): [number, number] {
  const x = ((lon - view.minLon) / (view.maxLon - view.minLon)) * width;
  const y = ((view.maxLat - lat) / (view.maxLat - view.minLat)) * height;
  return [x, y];
}

function intersects(b: [number, number, number, number], v: MapView, margin: number): boolean {
  return !(b[2] < v.minLon - margin || b[0] > v.maxLon + margin || b[3] < v.minLat - margin || b[1] > v.maxLat + margin);
}

type Pt = [number, number];

/**
 * Sutherland–Hodgman clipping of one ring against a rectangle: what stays is
 * exactly the visible part (plus runs along the frame), so paths stay small
 * however large the country.
 */
export function clipRing(ring: readonly Pt[], x0: number, y0: number, x1: number, y1: number): Pt[] {
  const edges: [(p: Pt) => boolean, (a: Pt, b: Pt) => Pt][] = [
    [(p) => p[0] >= x0, (a, b) => [x0, a[1] + ((b[1] - a[1]) * (x0 - a[0])) / (b[0] - a[0])]],
    [(p) => p[0] <= x1, (a, b) => [x1, a[1] + ((b[1] - a[1]) * (x1 - a[0])) / (b[0] - a[0])]],
    [(p) => p[1] >= y0, (a, b) => [a[0] + ((b[0] - a[0]) * (y0 - a[1])) / (b[1] - a[1]), y0]],
    [(p) => p[1] <= y1, (a, b) => [a[0] + ((b[0] - a[0]) * (y1 - a[1])) / (b[1] - a[1]), y1]],
  ];
  let out: Pt[] = [...ring];
  for (const [inside, cross] of edges) {
    if (out.length === 0) break;
    const input = out;
    out = [];
    let prev = input[input.length - 1] as Pt;
    for (const cur of input) {
      if (inside(cur)) {
        if (!inside(prev)) out.push(cross(prev, cur));
        out.push(cur);
      } else if (inside(prev)) {
        out.push(cross(prev, cur));
      }
      prev = cur;
    }
  }
  return out;
}

/** Path data for the visible parts of a country's rings, in frame coordinates rounded to 0.1. */
function countryPath(c: CountryShape, view: MapView, width: number, height: number): string {
  let d = '';
  for (const poly of c.polygons) {
    if (!intersects(poly.bbox, view, 0)) continue;
    for (const ring of poly.rings) {
      const projected = ring.map((p) => project(view, width, height, p[0] ?? 0, p[1] ?? 0));
      const clipped = clipRing(projected, -2, -2, width + 2, height + 2);
      if (clipped.length < 3) continue;
      // Drop vertices under a pixel from the last one kept: invisible detail, large markup.
      let lx = Infinity, ly = Infinity;
      let seg = '';
      let kept = 0;
      for (const [x, y] of clipped) {
        if (Math.abs(x - lx) + Math.abs(y - ly) < 1.5) continue;
        seg += `${seg === '' ? 'M' : 'L'}${x.toFixed(1)} ${y.toFixed(1)}`;
        lx = x; ly = y; kept++;
      }
      if (kept >= 3) d += `${seg}Z`;
    }
  }
  return d;
}

export interface MapOptions {
  width?: number;
  height?: number;
  title: string;
  /** Highlight this place name (place page). */
  focus?: string;
}

export function renderPlacesMap(shapes: WorldShapes, places: readonly MapPlace[], opts: MapOptions): SafeHtml {
  const width = opts.width ?? 640;
  const height = opts.height ?? 400;
  const view = viewFor(places, width, height);
  const paths = shapes.countries
    .map((c) => ({ c, d: countryPath(c, view, width, height) }))
    .filter((x) => x.d !== '')
    .map((x) => html`<path class="country" d="${x.d}"><title>${x.c.name}</title></path>`);
  const maxCount = Math.max(1, ...places.map((p) => p.count));
  const sorted = [...places].sort((a, b) => b.count - a.count);
  // Labels are placed greedily, busiest place first; one that would overlap a placed label is left to the tooltip and caption.
  const placed: { x0: number; y0: number; x1: number; y1: number }[] = [];
  const marks = sorted.map((p) => {
    const [x, y] = project(view, width, height, p.lon, p.lat);
    const r = 4 + 8 * Math.sqrt(p.count / maxCount);
    const focus = opts.focus !== undefined && p.name.toLowerCase() === opts.focus.toLowerCase();
    const box = { x0: x + r + 2, y0: y - 9, x1: x + r + 4 + p.name.length * 7, y1: y + 6 };
    const free = !placed.some((b) => box.x0 < b.x1 && box.x1 > b.x0 && box.y0 < b.y1 && box.y1 > b.y0);
    if (free || focus) placed.push(box);
    return html`<a class="place-mark${focus ? ' focus' : ''}" href="${pathTo('place', p.name)}">
<title>${p.name} — ${p.count} mention${p.count === 1 ? '' : 's'}</title>
<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="${r.toFixed(1)}"></circle>
${free || focus ? html`<text x="${(x + r + 3).toFixed(1)}" y="${(y + 4).toFixed(1)}">${p.name}</text>` : ''}
</a>`;
  });
  return html`<figure class="map">
<svg class="map-svg" viewBox="0 0 ${width} ${height}" role="group" aria-label="${opts.title}" xmlns="http://www.w3.org/2000/svg">
<rect class="sea" x="0" y="0" width="${width}" height="${height}"></rect>
<g class="countries">${paths}</g>
<g class="places">${marks}</g>
</svg>
<figcaption>${opts.title}: ${joinHtml(sorted.slice(0, 12).map((p) => html`<a href="${pathTo('place', p.name)}">${p.name}</a>`), ', ')}</figcaption>
</figure>`;
}
