// GitHub's <markdown-toolbar> custom elements, for the kitajs JSX types.
declare namespace JSX {
  interface IntrinsicElements {
    'markdown-toolbar': HtmlTag & { for: string };
    'md-bold': HtmlTag;
    'md-italic': HtmlTag;
    'md-code': HtmlTag;
    'md-link': HtmlTag;
    'md-unordered-list': HtmlTag;
    'md-quote': HtmlTag;
  }
}
