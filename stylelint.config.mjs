// Stylelint for the web app's CSS (`npm run lint:css`, run by `npm test` before the tests).
// It is here to catch mistakes, not to enforce a style: CSS that does not parse (an unclosed
// block: a merge once lost two closing braces in web/src/styles.css and only a browser test
// noticed), and the obvious slips stylelint-config-recommended knows (unknown properties,
// units and pseudo-classes, invalid hex colours, duplicate properties or selectors, empty
// blocks, a font list without a generic family). No ordering or formatting rules.
export default {
  extends: ['stylelint-config-recommended'],
  rules: {
    // The app's CSS is plain CSS, with no nesting: a rule inside another rule is a lost
    // closing brace, and this names the line where it was lost rather than the file's end.
    // Rules inside a top-level @media or @supports are not nesting.
    'max-nesting-depth': 0,
    // Ordering selectors by specificity is a convention, not a mistake: the stylesheet's
    // order (base rules, then each component's overrides) is deliberate.
    'no-descending-specificity': null,
  },
};
