// Storyline web UI: progressive enhancement only. Every page works without
// this file; it adds zoom and pan to the timelines. No inline handlers (CSP).
(function () {
  'use strict';
  var SVGNS = 'http://www.w3.org/2000/svg';
  var DAY = 86400000;
  var MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

  // Same calendar-aligned ticks as the server's time-scale.ts.
  function ticks(t0, t1, max) {
    var span = Math.max(t1 - t0, DAY), out = [], start = new Date(t0), step, t, y, m, d;
    if (span > 3 * 365 * DAY) {
      step = Math.max(1, Math.ceil(span / (365.25 * DAY) / max));
      for (y = start.getUTCFullYear(); ; y += step) {
        t = Date.UTC(y, 0, 1);
        if (t > t1) break;
        if (t >= t0) out.push({ t: t, label: String(y) });
      }
    } else if (span > 60 * DAY) {
      step = Math.max(1, Math.ceil(span / (30.44 * DAY) / max));
      for (m = start.getUTCFullYear() * 12 + start.getUTCMonth(); ; m += step) {
        y = Math.floor(m / 12);
        t = Date.UTC(y, m % 12, 1);
        if (t > t1) break;
        if (t >= t0) out.push({ t: t, label: m % 12 === 0 || out.length === 0 ? MONTHS[m % 12] + ' ' + y : MONTHS[m % 12] });
      }
    } else {
      step = Math.max(1, Math.ceil(span / DAY / max));
      for (t = Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate()); t <= t1; t += step * DAY) {
        if (t < t0) continue;
        d = new Date(t);
        out.push({ t: t, label: d.getUTCDate() + ' ' + MONTHS[d.getUTCMonth()] + (out.length === 0 ? ' ' + d.getUTCFullYear() : '') });
      }
    }
    return out;
  }

  function setupTimeline(root) {
    var svg = root.querySelector('svg');
    var axis = root.querySelector('.tl-axis');
    var controls = root.querySelector('.tl-controls');
    if (!svg || !axis) return;
    var full0 = Number(root.getAttribute('data-t0'));
    var full1 = Number(root.getAttribute('data-t1'));
    var left = Number(root.getAttribute('data-left'));
    var width = Number(root.getAttribute('data-width'));
    var height = Number(svg.viewBox.baseVal.height);
    var t0 = full0, t1 = full1;
    var items = Array.prototype.slice.call(root.querySelectorAll('.tl-item'));
    var minSpan = 2 * DAY;

    function x(t) { return left + ((t - t0) / (t1 - t0)) * width; }

    function draw() {
      items.forEach(function (a) {
        var t = Number(a.getAttribute('data-t'));
        var cx = x(t).toFixed(1);
        var c = a.querySelector('circle'), l = a.querySelector('text');
        if (c) c.setAttribute('cx', cx);
        if (l) l.setAttribute('x', cx);
        a.setAttribute('visibility', t < t0 || t > t1 ? 'hidden' : 'visible');
      });
      while (axis.firstChild) axis.removeChild(axis.firstChild);
      ticks(t0, t1, 10).forEach(function (k) {
        var g = document.createElementNS(SVGNS, 'g');
        g.setAttribute('class', 'tl-tick');
        var line = document.createElementNS(SVGNS, 'line');
        line.setAttribute('x1', x(k.t).toFixed(1));
        line.setAttribute('x2', x(k.t).toFixed(1));
        line.setAttribute('y1', '22');
        line.setAttribute('y2', String(height));
        var text = document.createElementNS(SVGNS, 'text');
        text.setAttribute('x', x(k.t).toFixed(1));
        text.setAttribute('y', '18');
        text.textContent = k.label;
        g.appendChild(line);
        g.appendChild(text);
        axis.appendChild(g);
      });
      root.setAttribute('data-view', Math.round(t0) + ':' + Math.round(t1));
    }

    function zoom(factor, centre) {
      var c = centre === undefined ? (t0 + t1) / 2 : centre;
      var span = Math.min(Math.max((t1 - t0) * factor, minSpan), full1 - full0);
      var a = c - (c - t0) * (span / (t1 - t0));
      t0 = Math.max(full0, Math.min(a, full1 - span));
      t1 = t0 + span;
      draw();
    }

    function pan(fraction) {
      var span = t1 - t0, shift = span * fraction;
      t0 = Math.max(full0, Math.min(t0 + shift, full1 - span));
      t1 = t0 + span;
      draw();
    }

    function timeAt(clientX) {
      var r = svg.getBoundingClientRect();
      var vx = ((clientX - r.left) / r.width) * svg.viewBox.baseVal.width;
      return t0 + ((vx - left) / width) * (t1 - t0);
    }

    if (controls) {
      controls.hidden = false;
      controls.addEventListener('click', function (ev) {
        var b = ev.target.closest('button');
        if (!b) return;
        var z = b.getAttribute('data-zoom'), p = b.getAttribute('data-pan');
        if (z === 'in') zoom(0.5);
        else if (z === 'out') zoom(2);
        else if (z === 'reset') { t0 = full0; t1 = full1; draw(); }
        else if (p) pan(Number(p) * 0.25);
      });
    }
    root.addEventListener('keydown', function (ev) {
      if (ev.key === '+' || ev.key === '=') { zoom(0.5); ev.preventDefault(); }
      else if (ev.key === '-' || ev.key === '_') { zoom(2); ev.preventDefault(); }
      else if (ev.key === 'ArrowLeft' && ev.target.closest('svg')) { pan(-0.25); ev.preventDefault(); }
      else if (ev.key === 'ArrowRight' && ev.target.closest('svg')) { pan(0.25); ev.preventDefault(); }
    });
    svg.addEventListener('wheel', function (ev) {
      if (!ev.ctrlKey && Math.abs(ev.deltaY) < Math.abs(ev.deltaX)) return;
      ev.preventDefault();
      zoom(ev.deltaY > 0 ? 1.25 : 0.8, timeAt(ev.clientX));
    }, { passive: false });
    var dragX = null;
    svg.addEventListener('pointerdown', function (ev) { if (ev.button === 0 && !ev.target.closest('a')) dragX = ev.clientX; });
    window.addEventListener('pointerup', function () { dragX = null; });
    svg.addEventListener('pointermove', function (ev) {
      if (dragX === null) return;
      var r = svg.getBoundingClientRect();
      var frac = (dragX - ev.clientX) / (r.width * (width / svg.viewBox.baseVal.width));
      dragX = ev.clientX;
      pan(frac);
    });
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll('.timeline'), setupTimeline);
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
