import BoutiqueCore
/// The hosted page's style, served as a file so that the strict CSP (no inline style) holds.
enum SandboxStyleSheet {
    static let css = """
    body { font-family: system-ui, sans-serif; margin: 0; background: #f4f5f7; color: #1d2330; }
    .banner { margin: 0; padding: .6rem 1rem; background: #8a4b00; color: #fff; text-align: center; }
    main { max-width: 44rem; margin: 1.5rem auto; padding: 1.5rem; background: #fff; border-radius: .5rem; }
    h1 { margin-top: 0; font-size: 1.6rem; }
    h2 { font-size: 1.2rem; }
    dl { display: grid; grid-template-columns: max-content 1fr; gap: .3rem 1rem; }
    dt { font-weight: 600; } dd { margin: 0; }
    label { display: block; font-weight: 600; margin-bottom: .2rem; }
    .brands label { display: inline-block; margin-right: 1.5rem; font-weight: normal; }
    fieldset { border: 1px solid #c7cbd3; border-radius: .3rem; }
    input[type=text] { font-size: 1.1rem; padding: .4rem; width: 100%; max-width: 20rem; box-sizing: border-box; }
    button { font-size: 1rem; padding: .6rem 1.2rem; border: 0; border-radius: .3rem; background: #0b5cad; color: #fff; cursor: pointer; }
    button.secondary { background: #e3e6eb; color: #1d2330; }
    button:focus, input:focus, a:focus { outline: 3px solid #f0a000; outline-offset: 2px; }
    .error { padding: .6rem; border-left: 4px solid #b00020; background: #fdecee; }
    .warning { margin-top: 1.5rem; padding: .8rem 1rem; border-left: 4px solid #8a4b00; background: #fff4e5; }
    .sms { padding: .8rem; background: #e8f4ea; font-size: 1.1rem; }
    #sms-code { font-size: 1.4rem; letter-spacing: .2rem; }
    table { border-collapse: collapse; width: 100%; }
    caption { text-align: left; margin-bottom: .4rem; }
    td code { white-space: nowrap; }
    th, td { text-align: left; padding: .3rem .5rem; border-bottom: 1px solid #dde0e5; }
    """
}
