import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Three pages shaped like real apps, for recordings as heavy as real ones: large inlined
 * stylesheets with a data-URL web font, thousands of nodes, a canvas chart, and many small
 * mutations. Generated, so the benchmark needs no network and no stored corpus.
 */
const FONT = readFileSync(fileURLToPath(new URL('../../node_modules/@fontsource/lobster/files/lobster-latin-400-normal.woff2', import.meta.url)));
const FONT_FACE = `@font-face{font-family:Brand;src:url(data:font/woff2;base64,${FONT.toString('base64')}) format('woff2');}`;

/** A design system's worth of CSS: utility and component rules, the bulk real apps inline. */
function designSystemCss(rules: number): string {
  const out = [FONT_FACE, 'body{margin:0;font:14px/1.5 system-ui,sans-serif;color:#1f2937;background:#f3f4f6}'];
  const colors = ['#ef4444', '#f59e0b', '#10b981', '#3b82f6', '#6366f1', '#8b5cf6', '#ec4899', '#14b8a6'];
  for (let i = 0; i < rules; i++) {
    const c = colors[i % colors.length];
    out.push(`.u-${i}{padding:${i % 24}px ${(i * 3) % 32}px;margin:${i % 7}px;border:1px solid ${c}33;border-radius:${i % 12}px}`,
      `.c-${i}:hover{background:linear-gradient(90deg,${c}11,${c}22);box-shadow:0 ${i % 5}px ${i % 9}px rgba(0,0,0,.${i % 9})}`,
      `@media (max-width:${600 + (i % 40) * 10}px){.r-${i}{display:${i % 2 ? 'none' : 'block'};width:${(i % 100)}%}}`);
  }
  return out.join('\n');
}

const page = (title: string, css: string, body: string, script: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<style>${css}</style>
<script src="/sdk/gosight.js"></script><script>GoSight.init(window.__gosight);</script>
</head><body>${body}<script>${script}</script></body></html>`;

/** An analytics dashboard: a 400-row table, live KPIs, an activity feed and an animated canvas chart. */
function dashboard(): string {
  const nav = Array.from({ length: 60 }, (_, i) => `<li class="u-${i} c-${i}"><a href="#s${i}">Report ${i}</a></li>`).join('');
  const rows = Array.from({ length: 400 }, (_, r) => `<tr class="r-${r % 400}">${Array.from({ length: 8 }, (_, c) =>
    `<td class="u-${(r * 8 + c) % 900}">${c === 0 ? `Customer ${r}` : ((r * 7919 + c * 104729) % 100000) / 100}</td>`).join('')}</tr>`).join('');
  const body = `<aside style="position:fixed;left:0;top:0;bottom:0;width:200px;overflow:auto;background:#111827;color:#fff"><h2 style="font-family:Brand">Acme BI</h2><ul>${nav}</ul></aside>
<main style="margin-left:210px;padding:16px">
<section id="kpis" style="display:flex;gap:12px">${Array.from({ length: 6 }, (_, i) => `<div class="u-${i} kpi"><b>KPI ${i}</b><span id="k${i}">0</span></div>`).join('')}</section>
<canvas id="chart" width="720" height="240" style="background:#fff;display:block;margin:12px 0"></canvas>
<ul id="feed" style="height:160px;overflow:auto;background:#fff"></ul>
<table id="grid" style="background:#fff;border-collapse:collapse"><tbody>${rows}</tbody></table></main>`;
  const script = `
let t=0;const ctx=document.getElementById('chart').getContext('2d');
function draw(){ctx.clearRect(0,0,720,240);ctx.beginPath();for(let x=0;x<720;x+=6){const y=120+80*Math.sin((x+t*9)/60)*Math.cos(t/20);x?ctx.lineTo(x,y):ctx.moveTo(x,y);}ctx.strokeStyle='#3b82f6';ctx.lineWidth=2;ctx.stroke();for(let i=0;i<24;i++){ctx.fillStyle='hsl('+(i*15+t)%360+',70%,60%)';ctx.fillRect(i*30+4,230-(i*37+t*3)%90,20,(i*37+t*3)%90);}}
setInterval(()=>{t++;draw();for(let i=0;i<6;i++)document.getElementById('k'+i).textContent=String((t*(i+3)*17)%10007);},200);
setInterval(()=>{const li=document.createElement('li');li.className='u-'+(t%300);li.textContent='Order #'+(1000+t)+' from customer '+(t*31%600)+' paid';const f=document.getElementById('feed');f.prepend(li);if(f.children.length>40)f.lastElementChild.remove();},700);
setInterval(()=>{const r=document.querySelectorAll("#grid tr")[t%400];r.children[(t%7)+1].textContent=String((t*131)%9973/10);r.style.background=t%2?'#eff6ff':'';},150);`;
  return page('Dashboard', designSystemCss(900), body, script);
}

/** Documentation: a long article with images, code, and a table of contents that follows the scroll. */
function docs(): string {
  const sections = Array.from({ length: 120 }, (_, i) => `<section id="s${i}" class="u-${i}"><h2 style="font-family:Brand">Section ${i}: configuring the widget</h2>
<p class="u-${i + 200}">${'Lorem ipsum dolor sit amet, consectetur adipiscing elit. '.repeat(6 + (i % 5))}</p>
<pre class="u-${i + 400}"><code>${`const widget${i} = createWidget({ id: ${i}, retries: ${i % 4}, endpoint: "/api/v${i % 3}/items" });\n`.repeat(4)}</code></pre>
<img alt="diagram ${i}" width="320" height="120" src="data:image/svg+xml;utf8,${encodeURIComponent(`<svg xmlns='http://www.w3.org/2000/svg' width='320' height='120'><rect width='320' height='120' fill='hsl(${i * 7},60%,85%)'/><text x='20' y='60'>Figure ${i}</text></svg>`)}"></section>`).join('');
  const toc = Array.from({ length: 120 }, (_, i) => `<li><a href="#s${i}" data-s="${i}">Section ${i}</a></li>`).join('');
  const body = `<nav id="toc" style="position:fixed;right:0;top:0;bottom:0;width:220px;overflow:auto;background:#fff"><ul>${toc}</ul></nav><article style="margin-right:240px;padding:24px">${sections}</article>`;
  const script = `addEventListener('scroll',()=>{const i=Math.floor(scrollY/620);document.querySelectorAll('#toc a').forEach((a)=>a.classList.toggle('u-1',Number(a.dataset.s)===i));},{passive:true});`;
  return page('Docs', designSystemCss(700), body, script);
}

/** A CRM form and a rich-text editor, with an autocomplete list that follows what is typed. */
function editor(): string {
  const fields = Array.from({ length: 40 }, (_, i) => `<label class="u-${i}">Field ${i}<input name="f${i}" class="u-${i + 50}"></label>`).join('');
  const body = `<main style="padding:16px;display:grid;grid-template-columns:1fr 1fr;gap:16px"><form id="form">${fields}</form>
<div><div id="editor" contenteditable="true" style="min-height:300px;background:#fff;padding:12px" class="u-3"></div><ul id="suggest"></ul></div></main>`;
  const script = `const words=['account','address','billing','customer','delivery','invoice','order','payment','refund','shipping'];
document.addEventListener('input',(e)=>{const v=(e.target.value||e.target.textContent||'').split(/\\s+/).pop();const s=document.getElementById('suggest');s.replaceChildren(...words.filter((w)=>w.startsWith(v.slice(0,1))).map((w)=>{const li=document.createElement('li');li.className='u-'+w.length;li.textContent=w+' ('+v.length+')';return li;}));});`;
  return page('Editor', designSystemCss(800), body, script);
}

export const APP_PAGES: Record<string, () => string> = { dashboard, docs, editor };
