//! A self-contained HTML review page: the article with content, speaker,
//! cue and date spans highlighted, a tooltip per span, and a table of all
//! records; with gold annotations, missed gold spans and false positives
//! are marked. One file, inline CSS and JS, no network.
//!
//! ```
//! let text = "“We won,” Smith said on Friday.";
//! let recs = whosaid::Extractor::new().extract(text);
//! let html = whosaid::html::page("demo", text, &recs, None);
//! assert!(html.contains(r#"class="record""#));
//! assert!(html.contains(r#"data-rule="direct/quote_comma_speaker_cue""#));
//! ```

use std::fmt::Write as _;

use crate::eval::GoldQuote;
use crate::record::Attribution;
use crate::span::Span;

/// Escapes `& < > " '` for HTML text and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// A highlighted interval.
struct Mark {
    span: Span,
    class: &'static str,
    /// Record index, or gold index for a miss.
    rec: usize,
    kind: String,
    rule: String,
    title: String,
}

/// Gold spans converted to byte offsets, with whether a record overlaps them.
struct GoldSpan {
    pieces: Vec<Span>,
    kind: String,
    speaker: String,
    matched: bool,
}

fn char_to_byte(text: &str) -> impl Fn(usize) -> usize + '_ {
    let offs: Vec<usize> = text.char_indices().map(|(b, _)| b).chain(std::iter::once(text.len())).collect();
    move |c| offs.get(c).copied().unwrap_or(text.len())
}

fn record_title(k: usize, a: &Attribution) -> String {
    let mut t = format!("#{k} {} · rule {} · confidence {:.2}", a.kind.as_str(), a.rule, a.confidence);
    if let Some(s) = &a.speaker {
        let _ = write!(t, "\nspeaker: {}", s.name.as_deref().unwrap_or(&s.text));
        if let Some(r) = &s.role {
            let _ = write!(t, " ({r})");
        }
        let _ = write!(t, " [{:?}]", s.kind);
    }
    if let Some(c) = &a.cue {
        let _ = write!(t, "\ncue: {} ({})", c.text, c.lemma);
    }
    if let Some(d) = &a.date {
        let _ = write!(t, "\ndate: {} = {}", d.text, d.resolved.as_deref().unwrap_or("?"));
        if d.inherited {
            t.push_str(" (inherited)");
        }
    }
    t
}

/// Renders the page. `gold` holds gold quotes of this text in the
/// `shared/eval` format (character offsets).
pub fn page(title: &str, text: &str, recs: &[Attribution], gold: Option<&[GoldQuote]>) -> String {
    let to_b = char_to_byte(text);
    let rec_spans: Vec<Vec<Span>> =
        recs.iter().map(|a| a.content.segments.iter().map(|s| Span::new(s.start, s.end)).collect()).collect();
    let mut golds: Vec<GoldSpan> = gold
        .unwrap_or(&[])
        .iter()
        .map(|g| {
            let hull = Span::new(to_b(g.start), to_b(g.end).max(to_b(g.start)));
            let pieces = match &g.fragments {
                Some(f) if !f.is_empty() => {
                    f.iter().map(|[a, b]| Span::new(to_b(*a), to_b(*b).max(to_b(*a)))).collect()
                }
                _ => vec![hull],
            };
            let speaker = g
                .speaker
                .as_ref()
                .and_then(|s| s.name.clone().or_else(|| s.text.clone()))
                .unwrap_or_else(|| "-".to_owned());
            GoldSpan { pieces, kind: g.kind.clone().unwrap_or_default(), speaker, matched: false }
        })
        .collect();
    // A record is a true positive when one of its segments overlaps a gold
    // piece; a gold span is missed when no record overlaps it.
    let mut fp = vec![false; recs.len()];
    if gold.is_some() {
        for (k, segs) in rec_spans.iter().enumerate() {
            let mut hit = false;
            for g in &mut golds {
                if segs.iter().any(|s| g.pieces.iter().any(|p| p.overlaps(*s))) {
                    g.matched = true;
                    hit = true;
                }
            }
            fp[k] = !hit;
        }
    }

    let mut marks = Vec::new();
    for (k, a) in recs.iter().enumerate() {
        let title = record_title(k, a);
        let mut push = |span: Span, class: &'static str| {
            if span.start < span.end && span.end <= text.len() {
                marks.push(Mark {
                    span,
                    class,
                    rec: k,
                    kind: a.kind.as_str().to_owned(),
                    rule: a.rule.to_string(),
                    title: title.clone(),
                });
            }
        };
        for s in &rec_spans[k] {
            push(*s, if fp[k] { "content fp" } else { "content" });
        }
        if let Some(s) = &a.speaker {
            push(Span::new(s.start, s.end), "speaker");
        }
        if let Some(c) = &a.cue {
            push(Span::new(c.start, c.end), "cue");
        }
        if let Some(d) = &a.date {
            push(Span::new(d.start, d.end), "date");
        }
    }
    for (g_idx, g) in golds.iter().enumerate().filter(|(_, g)| !g.matched) {
        for p in &g.pieces {
            if p.start < p.end && p.end <= text.len() {
                marks.push(Mark {
                    span: *p,
                    class: "miss",
                    rec: g_idx,
                    kind: g.kind.clone(),
                    rule: "gold".to_owned(),
                    title: format!("missed gold #{g_idx} {} · speaker {}", g.kind, g.speaker),
                });
            }
        }
    }

    let mut out = String::with_capacity(text.len() * 3 + 8192);
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    let _ = writeln!(out, "<title>whosaid · {}</title>", escape(title));
    out.push_str(STYLE);
    out.push_str("</head>\n<body>\n");
    let _ = writeln!(out, "<h1>whosaid · {}</h1>", escape(title));
    let n_fp = fp.iter().filter(|&&f| f).count();
    let n_miss = golds.iter().filter(|g| !g.matched).count();
    let _ = write!(
        out,
        "<p class=\"legend\"><span class=\"hl content\">content</span> <span class=\"hl speaker\">speaker</span> \
         <span class=\"hl cue\">cue</span> <span class=\"hl date\">date</span>"
    );
    if gold.is_some() {
        let _ = write!(
            out,
            " <span class=\"hl miss\">missed gold</span> <span class=\"hl content fp\">false positive</span> \
             · {} records, {} gold, {n_miss} missed, {n_fp} false positives",
            recs.len(),
            golds.len()
        );
    } else {
        let _ = write!(out, " · {} records", recs.len());
    }
    out.push_str("</p>\n<div id=\"summary\"></div>\n<article id=\"text\">");
    render_text(&mut out, text, &marks);
    out.push_str("</article>\n");

    out.push_str(
        "<table id=\"records\">\n<thead><tr><th>#</th><th>kind</th><th>content</th><th>speaker</th><th>cue</th>\
         <th>date</th><th>rule</th><th>conf.</th>",
    );
    if gold.is_some() {
        out.push_str("<th>gold</th>");
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for (k, a) in recs.iter().enumerate() {
        let content: Vec<&str> = a.content.segments.iter().map(|s| &*s.text).collect();
        let speaker = a.speaker.as_ref().map_or("-".to_owned(), crate::render::speaker_label);
        let cue = a.cue.as_ref().map_or("-".to_owned(), |c| c.text.to_string());
        let date = a.date.as_ref().map_or("-".to_owned(), |d| {
            format!(
                "{} = {}{}",
                d.text,
                d.resolved.as_deref().unwrap_or("?"),
                if d.inherited { " (inherited)" } else { "" }
            )
        });
        let class = if fp[k] { "record fp" } else { "record" };
        let _ = write!(
            out,
            "<tr class=\"{class}\" id=\"rec-{k}\" data-rec=\"{k}\" data-kind=\"{}\" data-rule=\"{}\"><td>{k}</td><td>{}</td>\
             <td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{:.2}</td>",
            a.kind.as_str(),
            escape(&a.rule),
            a.kind.as_str(),
            escape(&content.join(" … ")),
            escape(&speaker),
            escape(&cue),
            escape(&date),
            escape(&a.rule),
            a.confidence
        );
        if gold.is_some() {
            out.push_str(if fp[k] { "<td>false positive</td>" } else { "<td>match</td>" });
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
    if n_miss > 0 {
        out.push_str("<h2>Missed gold</h2>\n<table id=\"misses\">\n<thead><tr><th>#</th><th>kind</th><th>content</th><th>speaker</th></tr></thead>\n<tbody>\n");
        for (g_idx, g) in golds.iter().enumerate().filter(|(_, g)| !g.matched) {
            let content: Vec<&str> = g.pieces.iter().map(|p| &text[p.range()]).collect();
            let _ = writeln!(
                out,
                "<tr class=\"miss-row\"><td>{g_idx}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                escape(&g.kind),
                escape(&content.join(" … ")),
                escape(&g.speaker)
            );
        }
        out.push_str("</tbody>\n</table>\n");
    }
    out.push_str("<div id=\"tip\" role=\"tooltip\" hidden></div>\n");
    out.push_str(SCRIPT);
    out.push_str("</body>\n</html>\n");
    out
}

/// Writes the text with properly nested `<span>`s: at each boundary the
/// spans ending there are closed (closing and reopening any span opened
/// inside them that goes on: the reopened piece has `data-part="cont"`),
/// then the spans starting there are opened, longest first.
fn render_text(out: &mut String, text: &str, marks: &[Mark]) {
    let mut bounds: Vec<usize> = marks.iter().flat_map(|m| [m.span.start, m.span.end]).collect();
    bounds.push(0);
    bounds.push(text.len());
    bounds.retain(|&b| text.is_char_boundary(b));
    bounds.sort_unstable();
    bounds.dedup();
    let mut order: Vec<usize> = (0..marks.len())
        .filter(|&i| text.is_char_boundary(marks[i].span.start) && text.is_char_boundary(marks[i].span.end))
        .collect();
    order.sort_by_key(|&i| (marks[i].span.start, core::cmp::Reverse(marks[i].span.end), i));
    let mut next = 0;
    let mut stack: Vec<usize> = Vec::new();
    for w in bounds.windows(2) {
        let (at, to) = (w[0], w[1]);
        // Close the spans ending here.
        if stack.iter().any(|&i| marks[i].span.end <= at) {
            let mut reopen = Vec::new();
            while let Some(i) = stack.pop() {
                out.push_str("</span>");
                if marks[i].span.end > at {
                    reopen.push(i);
                }
                if !stack.iter().any(|&j| marks[j].span.end <= at) {
                    break;
                }
            }
            for &i in reopen.iter().rev() {
                open(out, &marks[i], true);
                stack.push(i);
            }
        }
        while next < order.len() && marks[order[next]].span.start == at {
            let i = order[next];
            open(out, &marks[i], false);
            stack.push(i);
            next += 1;
        }
        out.push_str(&escape(&text[at..to]));
    }
    for _ in stack {
        out.push_str("</span>");
    }
}

fn open(out: &mut String, m: &Mark, cont: bool) {
    let _ = write!(
        out,
        "<span class=\"hl {}\" data-rec=\"{}\" data-kind=\"{}\" data-rule=\"{}\" title=\"{}\" tabindex=\"0\"{}>",
        m.class,
        m.rec,
        escape(&m.kind),
        escape(&m.rule),
        escape(&m.title).replace('\n', "&#10;"),
        if cont { " data-part=\"cont\"" } else { "" }
    );
}

const STYLE: &str = r#"<style>
body { font: 16px/1.6 Georgia, serif; max-width: 62rem; margin: 1.5rem auto; padding: 0 1rem; color: #222; }
h1 { font: 600 1.3rem system-ui, sans-serif; }
h2 { font: 600 1.1rem system-ui, sans-serif; }
.legend, #summary { font: 0.85rem system-ui, sans-serif; color: #555; }
article { white-space: pre-wrap; border: 1px solid #ddd; padding: 1rem 1.2rem; background: #fff; line-height: 1.9; }
.hl { border-radius: 2px; cursor: help; }
.hl.content { background: #fff1a8; }
.hl.speaker { background: #cfe3ff; box-shadow: inset 0 -2px #3b7bd8; }
.hl.cue { background: #c9f2cf; box-shadow: inset 0 -2px #2f9e44; }
.hl.date { background: #ead7ff; box-shadow: inset 0 -2px #8a4fd8; }
.hl.fp { outline: 2px solid #f08c00; }
.hl.miss { outline: 2px dashed #d62828; outline-offset: 1px; }
.hl:focus, .hl.active { outline: 2px solid #222; }
table { border-collapse: collapse; margin-top: 1.2rem; font: 0.85rem system-ui, sans-serif; width: 100%; }
th, td { border: 1px solid #ddd; padding: 0.25rem 0.4rem; text-align: left; vertical-align: top; }
tr.record.fp td { background: #fff4e0; }
tr.record.active td { background: #fff1a8; }
#tip { position: absolute; max-width: 28rem; background: #222; color: #fff; font: 0.8rem/1.4 system-ui, sans-serif;
       padding: 0.4rem 0.6rem; border-radius: 4px; white-space: pre-wrap; pointer-events: none; z-index: 10; }
</style>
"#;

const SCRIPT: &str = r##"<script>
(function () {
  "use strict";
  var tip = document.getElementById("tip");
  var spans = document.querySelectorAll("#text .hl");
  function show(el) {
    tip.textContent = el.getAttribute("data-title");
    var r = el.getBoundingClientRect();
    tip.style.left = (window.scrollX + r.left) + "px";
    tip.style.top = (window.scrollY + r.bottom + 4) + "px";
    tip.hidden = false;
    mark(el, true);
  }
  function hide(el) { tip.hidden = true; mark(el, false); }
  function mark(el, on) {
    if (el.classList.contains("miss")) return;
    var k = el.getAttribute("data-rec");
    var row = document.getElementById("rec-" + k);
    if (row) row.classList.toggle("active", on);
    document.querySelectorAll('#text .hl[data-rec="' + k + '"]:not(.miss)').forEach(function (s) {
      s.classList.toggle("active", on);
    });
  }
  spans.forEach(function (el) {
    // The tooltip replaces the native one while scripts run.
    el.setAttribute("data-title", el.getAttribute("title"));
    el.removeAttribute("title");
    el.addEventListener("mouseenter", function () { show(el); });
    el.addEventListener("mouseleave", function () { hide(el); });
    el.addEventListener("focus", function () { show(el); });
    el.addEventListener("blur", function () { hide(el); });
  });
  // Counts of highlighted spans per class (first pieces only), for review
  // and for the browser test.
  var summary = document.getElementById("summary");
  var counts = {};
  ["content", "speaker", "cue", "date", "miss", "fp"].forEach(function (c) {
    counts[c] = document.querySelectorAll('#text .hl.' + c + ':not([data-part="cont"])').length;
    summary.setAttribute("data-" + c, String(counts[c]));
  });
  // `page.html#focus-3` opens on record 3 with its tooltip shown.
  var m = /^#focus-(\d+)$/.exec(window.location.hash);
  if (m) {
    var first = document.querySelector('#text .hl[data-rec="' + m[1] + '"]:not(.miss)');
    if (first) first.focus();
  }
  var rows = document.querySelectorAll("tr.record").length;
  summary.setAttribute("data-records", String(rows));
  summary.setAttribute("data-ready", "1");
  summary.textContent = rows + " records · " + counts.content + " content spans, " + counts.speaker +
    " speakers, " + counts.cue + " cues, " + counts.date + " dates" +
    (counts.miss || counts.fp ? " · " + counts.miss + " missed gold spans, " + counts.fp + " false-positive spans" : "");
})();
</script>
"##;
