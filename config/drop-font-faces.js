/**
 * webpack loader for NutUI's theme stylesheet: it embeds two JD digit fonts (JDZH, ~17 KB of base64)
 * that only NutUI's Price, CountDown, Rate and Badge digits use, none of which this app renders.
 * Dropping the @font-face rules keeps the theme's variables and frees that space in the main package.
 */
module.exports = function dropFontFaces(source) {
  return source.replace(/@font-face\s*\{[^}]*\}/g, '')
}
