(function(){
const el=document.getElementById('ep-data'); if(!el) return;
const D=JSON.parse(el.textContent); const tbody=document.querySelector('#ep-table tbody');
const PAGE=50; let page=0, rows=D.rows.map((r,i)=>[...r,i]);
function esc(s){return String(s==null?'':s).replace(/[&<>"']/g,c=>({'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;',"'":'&#39;'}[c]));}
function view(){const f=document.getElementById('ep-filter').value.toLowerCase(), s=document.getElementById('ep-sort').value;
 let v=rows.filter(r=>!f||(r[0]+' '+r[1]).toLowerCase().includes(f));
 if(s==='asc')v=v.slice().sort((a,b)=>a[3]-b[3]); if(s==='desc')v=v.slice().sort((a,b)=>b[3]-a[3]); return v;}
function render(){const v=view(); const pages=Math.max(1,Math.ceil(v.length/PAGE)); page=Math.min(page,pages-1);
 document.getElementById('ep-page').textContent=`page ${page+1} of ${pages} (${v.length} episodes)`;
 tbody.innerHTML=v.slice(page*PAGE,(page+1)*PAGE).map(r=>`<tr class="ep${r[6]==null?' nodetail':''}" data-k="${r[6]==null?'':r[6]}">`+
  `<td>${r[6]==null?'':'▸'}</td><td>${esc(r[0])}</td><td>${esc(r[1])}</td><td>${esc(r[2])}</td><td>${esc(Number(r[3]).toFixed(3))}</td><td>${esc(r[4])}</td><td>${r[5]?'sent':'none'}</td></tr>`).join('');}
function kgSvg(sid,d){const g=D.kgs[sid]; if(!g) return '<p>(KG not available)</p>';
 const W=960, H=Math.max(260,40+18*Math.max(...g.nodes.map(n=>n[4]))), L=Math.max(1,g.layers);
 const P={}; g.nodes.forEach(n=>{P[n[0]]=[40+(W-200)*n[2]/Math.max(1,L-1), 20+(H-40)*(n[3]+0.5)/n[4]];});
 const cited=new Set(d.citations), gold=new Set(g.gold), got=new Set(d.retrieved);
 let s=`<svg class="kg" viewBox="0 0 ${W} ${H}">`;
 g.edges.forEach(e=>{const a=P[e[0]],b=P[e[1]]; if(!a||!b)return; const hot=cited.has(e[0])&&cited.has(e[1]);
  s+=`<line x1="${a[0]}" y1="${a[1]}" x2="${b[0]}" y2="${b[1]}" stroke="${hot?'#2563eb':'#d1d5db'}" stroke-width="${hot?2.5:1}"/>`;});
 g.nodes.forEach(n=>{const p=P[n[0]]; const trap=g.traps[n[0]]; const fill=trap?'#fecaca':gold.has(n[0])?'#bbf7d0':got.has(n[0])?'#e0e7ff':'#f3f4f6';
  const stroke=cited.has(n[0])?'#2563eb':trap?'#dc2626':'#9ca3af';
  s+=`<g><circle cx="${p[0]}" cy="${p[1]}" r="6" fill="${fill}" stroke="${stroke}" stroke-width="${cited.has(n[0])?3:1}"><title>${esc(n[0])} (${esc(n[1])}${trap?', trap: '+esc(trap):''})</title></circle>`+
   `<text x="${p[0]+9}" y="${p[1]+3}" font-size="9" fill="#374151">${esc(n[0].slice(0,30))}</text></g>`;});
 return s+'</svg><div class="legend"><span><i class="dot" style="background:#bbf7d0"></i>gold path</span>'+
  '<span><i class="dot" style="background:#fecaca"></i>trap</span><span><i class="dot" style="background:#e0e7ff"></i>retrieved</span>'+
  '<span><i class="dot" style="border:3px solid #2563eb"></i>cited</span></div>';}
function detail(k){const d=D.details[k]; const r=rows.find(x=>String(x[6])===k); const sid=r[1]; const p=D.prospects[sid]||{};
 const comps=Object.entries(d.components).filter(([a,b])=>typeof b==='number').map(([a,b])=>`${esc(a)} ${b.toFixed(2)}`).join(' · ');
 const calls=d.calls.map((c,i)=>`<li><code>${esc(c.name)}</code> ${esc(JSON.stringify(c.arguments))}</li>`).join('');
 return `<div class="cols"><div><h4>Prospect</h4><p><b>${esc(p.name)}</b>, ${esc(p.title)} at ${esc(p.company)} (${esc(p.industry)})<br>`+
  `Product: ${esc(p.product)} · Goal: ${esc(p.goal)}<br>Job: ${esc(p.job)}</p><h4>Email</h4>`+
  (d.subject!=null?`<pre><b>${esc(d.subject)}</b>\n\n${esc(d.body)}</pre><p>Citations: ${d.citations.map(esc).join(', ')||'none'}</p>`:'<p class="bad">No email was sent.</p>')+
  `<p>${comps}</p></div><div><h4>Tool calls</h4><ol>${calls}</ol></div></div><h4>Knowledge graph</h4>${kgSvg(sid,d)}`;}
tbody.addEventListener('click',ev=>{const tr=ev.target.closest('tr.ep'); if(!tr||!tr.dataset.k) return;
 const nx=tr.nextElementSibling; if(nx&&nx.classList.contains('detail')){nx.remove(); tr.cells[0].textContent='▸'; return;}
 const d=document.createElement('tr'); d.className='detail'; d.innerHTML=`<td colspan="7">${detail(tr.dataset.k)}</td>`;
 tr.after(d); tr.cells[0].textContent='▾';});
document.getElementById('ep-filter').addEventListener('input',()=>{page=0;render();});
document.getElementById('ep-sort').addEventListener('change',()=>{page=0;render();});
document.getElementById('ep-prev').addEventListener('click',()=>{page=Math.max(0,page-1);render();});
document.getElementById('ep-next').addEventListener('click',()=>{page=page+1;render();});
render();})();
