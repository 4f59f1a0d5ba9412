/// The report's stylesheet, embedded in the page header (no network, no file beside the page):
/// a readable measure, a side table of contents on wide screens, captioned figures, tables that
/// scroll sideways instead of overflowing on phones, and the verdict badges.
enum ReportStyle {
    static var headerInclude: String { "<style>\n\(css)</style>\n" }

    static let css = """
    :root { --fg: #1f2328; --muted: #57606a; --rule: #d0d7de; --accent: #0b5cad; --panel: #f6f8fa;
            --pass: #1a7f37; --deviation: #9a6700; --fail: #cf222e; --surprise: #6639ba; }
    html { font-size: 17px; -webkit-text-size-adjust: 100%; background: #fff; }
    body { max-width: 44rem; margin: 0 auto; padding: 1.5rem 1.1rem 4rem; color: var(--fg); background: #fff;
           font-family: "Noto Serif", Georgia, "Times New Roman", serif; line-height: 1.6;
           overflow-wrap: break-word; hyphens: auto; }
    h1, h2, h3, h4, nav#TOC, table, figcaption, .verdict, header p {
           font-family: "Noto Sans", "Helvetica Neue", Arial, sans-serif; }
    h1, h2, h3, h4 { line-height: 1.25; margin: 2.2rem 0 .7rem; }
    h1 { font-size: 1.55rem; border-bottom: 1px solid var(--rule); padding-bottom: .3rem; }
    h2 { font-size: 1.25rem; } h3 { font-size: 1.08rem; }
    header#title-block-header h1.title { font-size: 1.75rem; border: 0; margin: .5rem 0 1rem; }
    a { color: var(--accent); text-decoration-thickness: 1px; text-underline-offset: 2px; }
    p, li { margin: .6rem 0; }
    code { font-size: .87em; background: var(--panel); padding: .1em .3em; border-radius: 4px; }
    pre { background: var(--panel); padding: .8rem; overflow-x: auto; border-radius: 6px; }
    pre code { padding: 0; background: none; }

    nav#TOC { font-size: .88rem; line-height: 1.4; background: var(--panel); border: 1px solid var(--rule);
              border-radius: 8px; padding: .7rem 1rem; margin: 1.2rem 0 2rem; }
    nav#TOC::before { content: "Contents"; display: block; font-weight: 600; margin-bottom: .3rem; }
    nav#TOC ul { list-style: none; margin: 0; padding-left: .9rem; }
    nav#TOC > ul { padding-left: 0; }
    nav#TOC li { margin: .2rem 0; }
    nav#TOC a { color: var(--fg); text-decoration: none; }
    nav#TOC a:hover { color: var(--accent); text-decoration: underline; }
    @media (min-width: 1100px) {
      body { margin-left: calc(17rem + max(2rem, (100vw - 17rem - 44rem) / 2)); margin-right: auto; }
      nav#TOC { position: fixed; top: 0; left: 0; bottom: 0; width: 17rem; box-sizing: border-box; margin: 0;
                overflow-y: auto; border: 0; border-right: 1px solid var(--rule); border-radius: 0; padding: 1.5rem 1.2rem; }
    }

    figure { margin: 2rem 0; text-align: center; }
    figure img, p > img { max-width: 100%; height: auto; }
    figcaption { font-size: .85rem; line-height: 1.45; color: var(--muted); text-align: left; margin-top: .5rem; }
    figure:target { outline: 2px solid var(--accent); outline-offset: 6px; }

    table { display: block; max-width: 100%; width: max-content; overflow-x: auto; border-collapse: collapse;
            font-size: .84rem; line-height: 1.4; margin: 1.2rem 0; font-variant-numeric: tabular-nums; }
    th, td { padding: .35rem .6rem; border-bottom: 1px solid var(--rule); text-align: left; vertical-align: top; }
    thead th { border-bottom: 2px solid var(--fg); white-space: nowrap; }
    tbody tr:nth-child(even) { background: #fafbfc; }
    tr:has(:target) { background: #fff8c5; }
    table caption { caption-side: bottom; font-size: .85rem; color: var(--muted); text-align: left; padding-top: .4rem; }
    math[display="block"] { overflow-x: auto; max-width: 100%; }

    .verdict { display: inline-block; padding: .05rem .55rem; border-radius: 1rem; font-size: .75rem; font-weight: 600;
               line-height: 1.5; white-space: nowrap; color: #fff; vertical-align: .05rem; }
    .verdict-pass { background: var(--pass); }
    .verdict-known-deviation { background: var(--deviation); }
    .verdict-unexpected-pass { background: var(--surprise); }
    .verdict-fail, .verdict-missing { background: var(--fail); }
    a:has(> .verdict) { text-decoration: none; }
    @media (max-width: 600px) { html { font-size: 16px; } body { padding: 1rem .8rem 3rem; } }
    @media print { nav#TOC { display: none; } body { max-width: none; margin: 0; } }

    """
}
