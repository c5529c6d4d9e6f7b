// Text from the network that tries to break out of its strings. Each must be
// shown verbatim and run nothing. INJECTED is the flag injected code would set.
const MB = "x".repeat(1024 * 1024);

export const HOSTILE: string[] = [
  "</script><script>window.INJECTED=1</script>",
  '<img src=x onerror="window.INJECTED=1">',
  '"); window.INJECTED=1; ("',
  "'); window.INJECTED=1; ('",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: the point is a string that looks like a template
  "`${window.INJECTED=1}`",
  "back\\slash \\\" \\' \\n \\u0041",
  "quotes \" ' ` « » “ ” ‘ ’ ＂",
  "line\u2028separator\u2029paragraph",
  "nul\u0000byte",
  "rtl \u202eevil\u202c mark \u200f",
  "emoji 📨✉️👩‍🏫 and 中文 и кириллица",
  "<b>bold</b> &amp; &lt;tag&gt;",
  "javascript:window.INJECTED=1",
  "}); window.INJECTED=1; //",
  MB,
];
