#!/usr/bin/env bash
# Rebuild the vendored front-end files under councildesk/core/static/ from the npm registry:
#
#   govuk/govuk-frontend.min.css  GOV.UK Frontend's Sass compiled by us: system font stack, no @font-face,
#                                 no GDS Transport, no image URLs (the only one is the crown crest)
#   govuk/govuk-frontend.min.js   the package's compiled ES module, source-map comment removed
#   govuk/LICENSE.txt, govuk/VENDORED.md
#   htmx/htmx.min.js, htmx/LICENSE.txt, htmx/VENDORED.md
#
# For maintainers: CI never runs this, and nothing here is needed to build, test or run councildesk.
# Needs node and npm. Everything is installed into a temporary directory, removed on exit, so no
# node_modules is left in the repository. Pin other versions through the environment, e.g.
#
#   GOVUK_FRONTEND_VERSION=6.7.0 tools/vendor-govuk-frontend.sh
#
# then review `git diff --stat councildesk/core/static` and look at a few pages before committing.
set -euo pipefail

GOVUK_FRONTEND_VERSION="${GOVUK_FRONTEND_VERSION:-6.6.0}"
HTMX_VERSION="${HTMX_VERSION:-4.0.1}"
SASS_VERSION="${SASS_VERSION:-1.108.2}"
FONT_STACK='system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif'
ASSETS_PATH="/static/govuk/assets/"

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
static="$repo_root/councildesk/core/static"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

echo "Installing govuk-frontend@$GOVUK_FRONTEND_VERSION htmx.org@$HTMX_VERSION sass@$SASS_VERSION into $work"
cd "$work"
npm init -y >/dev/null
# --ignore-scripts: sass is pure JavaScript; its optional file watcher's build step is not needed.
npm install --no-audit --no-fund --ignore-scripts --save-exact \
  "govuk-frontend@$GOVUK_FRONTEND_VERSION" "htmx.org@$HTMX_VERSION" "sass@$SASS_VERSION" >/dev/null

gf="$work/node_modules/govuk-frontend"
hx="$work/node_modules/htmx.org"
pkg_field() { node -p "require('$1/package.json').$2"; }
[[ "$(pkg_field "$gf" license)" == "MIT" ]] || { echo "govuk-frontend is no longer MIT-licensed: stop" >&2; exit 1; }
case "$(pkg_field "$hx" license)" in 0BSD | BSD-0-Clause) ;; *) echo "htmx.org licence changed: check it" >&2; exit 1 ;; esac

# ---- GOV.UK Frontend: compile the Sass ----------------------------------------------------------
# GOV.UK Frontend refers to exactly one image, the crown crest in .govuk-footer__copyright-logo.
# councildesk is not a GOV.UK service, so it must not show the crown: every image URL becomes `none`.
cat >"$work/url-handlers.scss" <<'SCSS'
// councildesk ships no GOV.UK images (the crest is the crown): every image reference compiles to `none`.
@function image-url($filename) {
  @return none;
}
SCSS
cat >"$work/councildesk-govuk.scss" <<SCSS
@use "sass:meta";
@use "url-handlers";
@use "govuk-frontend/dist/govuk" with (
  \$govuk-font-family: ($FONT_STACK),
  \$govuk-include-default-font-face: false,
  \$govuk-assets-path: "$ASSETS_PATH",
  \$govuk-image-url-function: meta.get-function("image-url", \$module: "url-handlers")
);
SCSS
"$work/node_modules/.bin/sass" --no-source-map --style=compressed --load-path="$work" \
  --load-path="$work/node_modules" "$work/councildesk-govuk.scss" "$work/govuk-frontend.min.css"

css="$work/govuk-frontend.min.css"
if grep -qi 'GDS Transport' "$css"; then echo "compiled CSS still names GDS Transport" >&2; exit 1; fi
if grep -qi '@font-face' "$css"; then echo "compiled CSS still has @font-face" >&2; exit 1; fi
if grep -q 'url(' "$css"; then echo "compiled CSS refers to a file we do not ship:" >&2; grep -o 'url([^)]*)' "$css" >&2; exit 1; fi

# ---- copy ----------------------------------------------------------------------------------------
mkdir -p "$static/govuk" "$static/htmx"
rm -rf "$static/govuk/assets"  # we ship no GOV.UK assets: no fonts, no crown or crest images, no GOV.UK icons
cp "$css" "$static/govuk/govuk-frontend.min.css"
# The .map files are not vendored, so drop the comments that point at them.
sed -E 's|//# sourceMappingURL=[^ ]*$||' "$gf/dist/govuk/govuk-frontend.min.js" >"$static/govuk/govuk-frontend.min.js"
sed -E 's|//# sourceMappingURL=[^ ]*$||' "$hx/dist/htmx.min.js" >"$static/htmx/htmx.min.js"
cp "$hx/LICENSE" "$static/htmx/LICENSE.txt"

# The npm package carries no licence file (the MIT licence is at the root of the alphagov/govuk-frontend
# repository, and package.json says "MIT"), so write that licence's text as published there.
cat >"$static/govuk/LICENSE.txt" <<'LICENSE'
The MIT License (MIT)

Copyright (C) 2017 Crown Copyright (Government Digital Service)

Permission is hereby granted, free of charge, to any person obtaining a copy of
this software and associated documentation files (the "Software"), to deal in
the Software without restriction, including without limitation the rights to
use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies
of the Software, and to permit persons to whom the Software is furnished to do
so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.
LICENSE

sha() { sha256sum "$1" | cut -d' ' -f1; }
size() { wc -c <"$1" | tr -d ' '; }

cat >"$static/govuk/VENDORED.md" <<MD
# Vendored: GOV.UK Frontend $GOVUK_FRONTEND_VERSION

Generated by \`tools/vendor-govuk-frontend.sh\`; do not edit the files in this folder by hand, rerun the script.

- Package: \`govuk-frontend@$GOVUK_FRONTEND_VERSION\` from the npm registry
  (source: https://github.com/alphagov/govuk-frontend). Licence: MIT, see \`LICENSE.txt\`
  (the npm package ships no licence file, so the script writes the MIT text from the repository).
- Sass compiler: \`sass@$SASS_VERSION\` (Dart Sass, pure JavaScript), \`--style=compressed --no-source-map\`.

## How the CSS was built

\`govuk-frontend.min.css\` is compiled by us from the package's Sass, not copied from its \`dist\`:

\`\`\`scss
@use "sass:meta";
@use "url-handlers"; // @function image-url(\$filename) { @return none; }
@use "govuk-frontend/dist/govuk" with (
  \$govuk-font-family: ($FONT_STACK),
  \$govuk-include-default-font-face: false,
  \$govuk-assets-path: "$ASSETS_PATH",
  \$govuk-image-url-function: meta.get-function("image-url", \$module: "url-handlers")
);
\`\`\`

The script fails if the output names "GDS Transport", contains \`@font-face\` or contains any \`url(\`.

\`govuk-frontend.min.js\` is the package's \`dist/govuk/govuk-frontend.min.js\` (an ES module exporting
\`initAll\`), with its trailing \`sourceMappingURL\` comment removed because the map is not vendored.

## Left out, on purpose

councildesk is used by councils, not by GOV.UK, so it must not look like a GOV.UK service:

- **The crown**: no GOV.UK logo, crown or crest SVG/images, no favicons or app icons (they are the crown),
  no Open Government Licence logo. Our templates do not use \`govuk-header\` (the crown header),
  \`govuk-footer__crown\` or \`govuk-footer__copyright-logo\`; the crest's image URL compiles to \`none\`.
- **GDS Transport**: the font is licensed for GOV.UK services only. No font files are vendored and
  no \`@font-face\` is emitted; text uses the system font stack above.
- **Assets folder**: nothing under \`assets/\` is vendored, so \`$ASSETS_PATH\` does not exist.
- Source maps, Sass sources, Nunjucks macros and the Prototype Kit files.

## Files

| file | bytes | sha256 |
| --- | ---: | --- |
| govuk-frontend.min.css | $(size "$static/govuk/govuk-frontend.min.css") | \`$(sha "$static/govuk/govuk-frontend.min.css")\` |
| govuk-frontend.min.js | $(size "$static/govuk/govuk-frontend.min.js") | \`$(sha "$static/govuk/govuk-frontend.min.js")\` |
MD

cat >"$static/htmx/VENDORED.md" <<MD
# Vendored: htmx $HTMX_VERSION

Generated by \`tools/vendor-govuk-frontend.sh\`; do not edit by hand, rerun the script.

- Package: \`htmx.org@$HTMX_VERSION\` from the npm registry (source: https://github.com/bigskysoftware/htmx).
  Licence: Zero-Clause BSD, the package's \`LICENSE\` copied as \`LICENSE.txt\`.
- \`htmx.min.js\` is the package's \`dist/htmx.min.js\` (a classic script defining \`window.htmx\`), with its
  trailing \`sourceMappingURL\` comment removed because the map is not vendored.

| file | bytes | sha256 |
| --- | ---: | --- |
| htmx.min.js | $(size "$static/htmx/htmx.min.js") | \`$(sha "$static/htmx/htmx.min.js")\` |
MD

echo "Vendored into $static:"
du -ab "$static/govuk" "$static/htmx" | sort -k2
