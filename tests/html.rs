//! `whosaid::html::page`: escaping, nesting of overlapping spans, gold
//! misses and false positives. The browser check is `tests/html/run.sh`.

use whosaid::eval::GoldQuote;
use whosaid::html::{escape, page};
use whosaid::record::{Content, Cue, TextSpan};
use whosaid::{Attribution, Extractor, Kind};

/// Spans of `class` opened in the article (continuation pieces included).
fn opens(html: &str, class: &str) -> usize {
    let body = &html[html.find("<article").unwrap()..html.find("</article>").unwrap()];
    body.matches(&format!("<span class=\"hl {class}\"")).count()
}

/// Every `<span` is closed, and closes never outnumber opens on the way.
fn balanced(html: &str) -> bool {
    let body = &html[html.find("<article").unwrap()..html.find("</article>").unwrap()];
    let mut depth = 0i64;
    let mut rest = body;
    while let Some(i) = rest.find('<') {
        rest = &rest[i..];
        if rest.starts_with("<span") {
            depth += 1;
        } else if rest.starts_with("</span>") {
            depth -= 1;
            if depth < 0 {
                return false;
            }
        }
        rest = &rest[1..];
    }
    depth == 0
}

#[test]
fn escapes_text_and_attributes() {
    assert_eq!(escape(r#"<a href="x">&'"#), "&lt;a href=&quot;x&quot;&gt;&amp;&#39;");
    let text = "“Tax <b>cuts</b> & more,” Smith said.";
    let recs = Extractor::new().extract(text);
    assert_eq!(recs.len(), 1);
    let html = page("<script>alert(1)</script>", text, &recs, None);
    assert!(!html.contains("<b>cuts</b>"));
    assert!(html.contains("Tax &lt;b&gt;cuts&lt;/b&gt; &amp; more"));
    assert!(!html.contains("<script>alert(1)"));
    assert!(!html.contains("http://") && !html.contains("https://"), "self-contained: no network references");
}

#[test]
fn overlapping_spans_nest() {
    let text = "Alpha beta gamma delta epsilon.";
    let seg = |s: usize, e: usize| TextSpan { start: s, end: e, text: text[s..e].into() };
    // Content 6..22 (“beta gamma delta”); a cue 11..28 overlapping its end
    // (“gamma delta epsi”), from another record.
    let a = Attribution {
        kind: Kind::Indirect,
        content: Content {
            start: 6,
            end: 22,
            text: text[6..22].into(),
            segments: vec![seg(6, 22)],
            quoted: vec![],
            unclosed: false,
        },
        speaker: None,
        cue: None,
        date: None,
        rule: "test/a".into(),
        confidence: 0.5,
    };
    let mut b = a.clone();
    b.content =
        Content { start: 0, end: 5, text: "Alpha".into(), segments: vec![seg(0, 5)], quoted: vec![], unclosed: false };
    b.cue = Some(Cue { start: 11, end: 28, text: text[11..28].into(), lemma: "x".into() });
    b.rule = "test/b".into();
    let html = page("t", text, &[b, a], None);
    assert!(balanced(&html), "{html}");
    assert_eq!(opens(&html, "content"), 2);
    // The content closes inside the cue: the cue is closed with it and
    // reopened as a continuation piece.
    assert_eq!(opens(&html, "cue"), 2);
    let article = &html[html.find("<article").unwrap()..html.find("</article>").unwrap()];
    assert_eq!(article.matches("data-part=\"cont\"").count(), 1, "{article}");
    // The text survives intact once the tags are stripped.
    let body = &html[html.find("<article id=\"text\">").unwrap() + 19..html.find("</article>").unwrap()];
    let mut plain = String::new();
    let mut in_tag = false;
    for c in body.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ if !in_tag => plain.push(c),
            _ => {}
        }
    }
    assert_eq!(plain, text);
}

#[test]
fn gold_marks_misses_and_false_positives() {
    let text = "“We won,” Smith said. The weather was nice, a report found. “Go,” Lee said.";
    let recs = Extractor::new().extract(text);
    assert!(recs.len() >= 2, "{recs:?}");
    let chars = |b: usize| text[..b].chars().count();
    let won = text.find("We won").unwrap();
    let nice = text.find("The weather was nice").unwrap();
    let gold = vec![
        GoldQuote {
            start: chars(won),
            end: chars(won + "We won,".len()),
            kind: Some("direct".into()),
            ..Default::default()
        },
        // Nothing is extracted from this one (a made-up gold span).
        GoldQuote { start: chars(nice), end: chars(nice + 20), kind: Some("indirect".into()), ..Default::default() },
    ];
    let html = page("g", text, &recs, Some(&gold));
    let extracted_nice = recs.iter().any(|r| r.content.start <= nice && nice < r.content.end);
    assert_eq!(opens(&html, "miss"), usize::from(!extracted_nice), "{html}");
    // “Go” is in no gold span: a false positive, in the text and the table.
    assert_eq!(opens(&html, "content fp"), 1, "{html}");
    assert!(html.contains("<tr class=\"record fp\""));
    assert_eq!(html.matches("<tr class=\"record").count(), recs.len());
    for r in &recs {
        assert!(html.contains(&format!("data-rule=\"{}\"", r.rule)));
    }
}
