/* SPDX-License-Identifier: GPL-3.0-or-later */

#include <string.h>

#include <glib.h>

#include "hdr-html.h"

static HdrHtmlText *
extract_fixture (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "html", name, NULL);
  g_autofree char *contents = NULL;
  gsize length = 0;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);

  return hdr_html_extract (contents, length);
}

static void
assert_contains (const char *text,
                 const char *word)
{
  g_assert_nonnull (text);
  if (strstr (text, word) == NULL)
    g_error ("expected \"%s\" in:\n%s", word, text);
}

static void
assert_lacks (const char *text,
              const char *word)
{
  if (text != NULL && strstr (text, word) != NULL)
    g_error ("did not expect \"%s\" in:\n%s", word, text);
}

static void
test_visible_blocks (void)
{
  g_autoptr(HdrHtmlText) text = NULL;

  text = hdr_html_extract ("<html><body><p>One   two</p><p>Three<br>Four</p>"
                           "<ul><li>Alpha</li><li>Beta</li></ul><div>Gamma <b>bold</b> end</div>"
                           "<h2>Title</h2><table><tr><td>a</td><td>b</td></tr></table>"
                           "</body></html>", -1);

  g_assert_cmpstr (text->visible_text, ==,
                   "One two\nThree\nFour\nAlpha\nBeta\nGamma bold end\nTitle\na b");
  g_assert_null (text->hidden_text);
  g_assert_cmpuint (text->remote_image_count, ==, 0);
  g_assert_cmpuint (text->link_count, ==, 0);
}

static void
test_visible_trimmed (void)
{
  g_autoptr(HdrHtmlText) text = NULL;

  text = hdr_html_extract ("<br><br><pre>\n\n</pre><p>  Text  </p><br><br><br><br>end<br><br>", -1);

  g_assert_cmpstr (text->visible_text, ==, "Text\n\nend");
}

static void
test_skip_script_style (void)
{
  g_autoptr(HdrHtmlText) text = NULL;

  text = hdr_html_extract ("<html><head><title>Subject line</title>"
                           "<style>p { margin: 0 }</style></head>"
                           "<body><script>var x = 'scripttext';</script>"
                           "<p>Body text</p><style>.a { color: red }</style></body></html>", -1);

  g_assert_cmpstr (text->visible_text, ==, "Body text");
  assert_lacks (text->visible_text, "scripttext");
  assert_lacks (text->visible_text, "Subject line");
  assert_lacks (text->visible_text, "margin");
  g_assert_null (text->hidden_text);
}

/* Each hiding trick in its own small document: the marker word must land in
 * hidden_text and not in visible_text. */
static void
test_hidden_tricks_inline (void)
{
  static const struct
  {
    const char *html;
    const char *marker;
  } cases[] = {
    { "<p style=\"display:none\">marker</p>", "marker" },
    { "<p style=\"DISPLAY: NONE !important\">marker</p>", "marker" },
    { "<p style=\"visibility:hidden\">marker</p>", "marker" },
    { "<span style=\"font-size:0\">marker</span>", "marker" },
    { "<span style=\"font-size:1px\">marker</span>", "marker" },
    { "<span style=\"font-size:0.5pt\">marker</span>", "marker" },
    { "<div style=\"width:0;height:0;overflow:hidden\">marker</div>", "marker" },
    { "<div style=\"max-height:0;overflow:hidden\">marker</div>", "marker" },
    { "<div style=\"opacity:0\">marker</div>", "marker" },
    { "<div style=\"color:#ffffff\">marker</div>", "marker" },
    { "<div style=\"color:#FFF\">marker</div>", "marker" },
    { "<div style=\"color:white\">marker</div>", "marker" },
    { "<div style=\"color:rgb(255,255,255)\">marker</div>", "marker" },
    { "<div style=\"color:#fcfcfc\">marker</div>", "marker" },
    { "<div style=\"color:transparent\">marker</div>", "marker" },
    { "<div style=\"background:#123456\"><p><span style=\"color:#123456\">marker</span></p></div>",
      "marker" },
    { "<table bgcolor=\"red\"><tr><td><font color=\"#ff0000\">marker</font></td></tr></table>",
      "marker" },
    { "<div style=\"position:absolute;left:-9999px\">marker</div>", "marker" },
    { "<div style=\"position: fixed; top: -2000px\">marker</div>", "marker" },
    { "<div style=\"text-indent:-9999px\">marker</div>", "marker" },
    { "<div style=\"clip: rect(0, 0, 0, 0); position:absolute\">marker</div>", "marker" },
    { "<p hidden>marker</p>", "marker" },
    { "<div style=\"display:none\"><p><b>marker</b></p></div>", "marker" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *html = g_strdup_printf ("<html><body><p>Visible words</p>%s</body></html>",
                                               cases[i].html);
      g_autoptr(HdrHtmlText) text = hdr_html_extract (html, -1);

      g_test_message ("case %s", cases[i].html);
      assert_contains (text->visible_text, "Visible words");
      assert_lacks (text->visible_text, cases[i].marker);
      assert_contains (text->hidden_text, cases[i].marker);
    }
}

static void
test_hidden_body_attributes (void)
{
  g_autoptr(HdrHtmlText) text = NULL;

  text = hdr_html_extract ("<html><body bgcolor=\"#000000\" text=\"black\"><p>marker</p></body></html>",
                           -1);

  g_assert_cmpstr (text->visible_text, ==, "");
  g_assert_cmpstr (text->hidden_text, ==, "marker");
}

/* Styles that look like hiding but are not: the marker stays visible. */
static void
test_not_hidden (void)
{
  static const char *cases[] = {
    "<p aria-hidden=\"true\">marker</p>",
    "<div style=\"width:0\">marker</div>",
    "<div style=\"left:-9999px\">marker</div>",
    "<div style=\"color:#ffffff;background-color:#000000\">marker</div>",
    "<div style=\"font-size:12px\">marker</div>",
    "<div style=\"opacity:0.9\">marker</div>",
    "<div style=\"color:#777777\">marker</div>",
    "<td style=\"font-size:0px\"><div style=\"font-size:13px\">marker</div></td>",
    "<div style=\"visibility:hidden\"><span style=\"visibility:visible\">marker</span></div>",
    "<div style=\"color:transparent\"><span style=\"color:#333\">marker</span></div>",
    "<div style=\"color:#fff\"><span style=\"color:#333\">marker</span></div>",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(HdrHtmlText) text = hdr_html_extract (cases[i], -1);

      g_test_message ("case %s", cases[i]);
      assert_contains (text->visible_text, "marker");
      assert_lacks (text->hidden_text, "marker");
    }
}

/* A hidden span inside a word leaves the visible letters joined. */
static void
test_hidden_inside_word (void)
{
  g_autoptr(HdrHtmlText) text = NULL;

  text = hdr_html_extract ("<style>.n { display: none }</style>"
                           "<p>Pay to <b>19hJ<span class=\"n\">Qz7</span>xu6av<span>vmC</span>"
                           "<span style=\"font-size:0\">kk</span>WTDNqYvZeRABZG3T9d5YB7</b> now.</p>",
                           -1);

  g_assert_cmpstr (text->visible_text, ==, "Pay to 19hJxu6avvmCWTDNqYvZeRABZG3T9d5YB7 now.");
  g_assert_cmpstr (text->hidden_text, ==, "Qz7\nkk");
}

static void
test_style_rules (void)
{
  g_autoptr(HdrHtmlText) text = NULL;

  text = hdr_html_extract ("<html><head><style>"
                           ".x { display:none } em { font-size: 0 } div.y, #z { visibility: hidden }"
                           "@media screen { .m { display: none } }"
                           "</style></head><body>"
                           "<p>Start</p><p class=\"a x\">classrule</p><em>tagrule</em>"
                           "<div class=\"y\">tagclassrule</div><p id=\"z\">idrule</p>"
                           "<p class=\"m\">mediarule</p><span class=\"y\">spanvisible</span>"
                           "</body></html>", -1);

  assert_contains (text->visible_text, "Start");
  assert_contains (text->hidden_text, "classrule");
  assert_contains (text->hidden_text, "tagrule");
  assert_contains (text->hidden_text, "tagclassrule");
  assert_contains (text->hidden_text, "idrule");
  assert_contains (text->visible_text, "mediarule");
  assert_contains (text->visible_text, "spanvisible");
  assert_lacks (text->visible_text, "classrule");
  assert_lacks (text->visible_text, "tagrule");
  assert_lacks (text->visible_text, "idrule");
}

static void
test_fixture_tricks (void)
{
  g_autoptr(HdrHtmlText) text = extract_fixture ("hidden-tricks.html");
  static const char *hidden_markers[] = {
    "classrule", "displaynone", "visibilityhidden", "fontsizezero", "fontsizeonepx",
    "tagclassrule", "idrule", "zerosize", "maxheight", "opacityzero", "whiteonwhite",
    "rgbwhite", "fontonbgcolor", "blackonblack", "offscreen", "textindent",
    "hiddenattribute", "transparentcolor",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (hidden_markers); i++)
    {
      assert_contains (text->hidden_text, hidden_markers[i]);
      assert_lacks (text->visible_text, hidden_markers[i]);
    }

  assert_contains (text->visible_text, "Hello, I am a hacker who has access to your device.");
  assert_contains (text->visible_text, "Pay now.");
  assert_contains (text->visible_text, "Visible cell");
  assert_contains (text->visible_text, "Ariahidden is visible");
  assert_contains (text->visible_text, "Desktop text is visible");
  assert_contains (text->visible_text, "Send the Bitcoin within 48 hours.");
  assert_lacks (text->visible_text, "scripttext");
  assert_lacks (text->visible_text, "Account notice");
}

static void
test_remote_images (void)
{
  g_autoptr(HdrHtmlText) text = NULL;

  text = hdr_html_extract ("<p>Pictures</p>"
                           "<img src=\"http://tracker.example.com/p.gif\">"
                           "<img src=\" HTTPS://img.example.net/logo.png\">"
                           "<img src=\"//cdn.example.org/x.png\">"
                           "<img src=\"cid:part1@example.com\">"
                           "<img src=\"data:image/gif;base64,R0lGODlhAQABAAAAACw=\">"
                           "<img alt=\"no source\">"
                           "<a href=\"https://example.com/\">one</a> <a href=\"mailto:a@example.com\">two</a>"
                           "<a name=\"anchor\">not a link</a>", -1);

  g_assert_cmpuint (text->remote_image_count, ==, 3);
  g_assert_cmpuint (text->link_count, ==, 2);
}

static void
test_broken_html (void)
{
  g_autoptr(HdrHtmlText) text = extract_fixture ("broken.html");

  g_assert_nonnull (text->visible_text);
  g_assert_true (g_utf8_validate (text->visible_text, -1, NULL));
  assert_contains (text->visible_text, "Unclosed paragraph bold italic");
  assert_contains (text->visible_text, "cell one");
  assert_contains (text->visible_text, "cell two");
  assert_contains (text->visible_text, "end of garbage");
}

static void
test_broken_fragments (void)
{
  static const char *cases[] = {
    "<", "<<<>>>", "</p></div></html>", "<p", "<p style=\"", "<p style=\"display:",
    "<style>.x {", "<style>{{{}}}</style><p>a", "<!--", "<![CDATA[", "&", "&#", "&#x110000;",
    "<table><td><td><tr></table></td>", "<img src", "<a href=>x</a>",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(HdrHtmlText) text = hdr_html_extract (cases[i], -1);

      g_test_message ("case %s", cases[i]);
      g_assert_nonnull (text);
      g_assert_nonnull (text->visible_text);
      g_assert_true (g_utf8_validate (text->visible_text, -1, NULL));
    }
}

static void
test_deep_nesting (void)
{
  const guint depth = 10000;
  g_autoptr(GString) html = g_string_new ("<html><body>");
  g_autoptr(HdrHtmlText) text = NULL;

  for (guint i = 0; i < depth; i++)
    g_string_append (html, i % 2 == 0 ? "<div>" : "<span style=\"color:#000\">");
  g_string_append (html, "deepest text");
  for (guint i = depth; i > 0; i--)
    g_string_append (html, (i - 1) % 2 == 0 ? "</div>" : "</span>");
  g_string_append (html, "<p>after</p></body></html>");

  text = hdr_html_extract (html->str, html->len);

  g_assert_nonnull (text);
  assert_contains (text->visible_text, "deepest text");
  assert_contains (text->visible_text, "after");
  g_assert_null (text->hidden_text);
}

static void
test_deep_nesting_unclosed (void)
{
  const guint depth = 10000;
  g_autoptr(GString) html = g_string_new ("<html><body>");
  g_autoptr(HdrHtmlText) text = NULL;

  for (guint i = 0; i < depth; i++)
    g_string_append (html, "<div><b><table><tr><td>");
  g_string_append (html, "bottom");

  text = hdr_html_extract (html->str, html->len);

  g_assert_nonnull (text);
  assert_contains (text->visible_text, "bottom");
}

static void
test_entities (void)
{
  g_autoptr(HdrHtmlText) text = NULL;

  text = hdr_html_extract ("<p>Fish &amp; chips &lt;now&gt; caf&eacute; &#8364;5 &#x20AC;6 &quot;q&quot;</p>",
                           -1);

  g_assert_cmpstr (text->visible_text, ==, "Fish & chips <now> caf\xc3\xa9 \xe2\x82\xac" "5 \xe2\x82\xac" "6 \"q\"");
}

static void
test_utf8_text (void)
{
  g_autoptr(HdrHtmlText) text = NULL;

  /* a meta charset must not change how the decoded UTF-8 is read */
  text = hdr_html_extract ("<html><head><meta charset=\"iso-8859-1\"></head>"
                           "<body><p>Gr\xc3\xbc\xc3\x9f" "e, \xd0\xbf\xd1\x80\xd0\xb8\xd0\xb2\xd0\xb5\xd1\x82</p></body></html>", -1);

  g_assert_cmpstr (text->visible_text, ==, "Gr\xc3\xbc\xc3\x9f" "e, \xd0\xbf\xd1\x80\xd0\xb8\xd0\xb2\xd0\xb5\xd1\x82");
}

static void
test_empty_document (void)
{
  g_autoptr(HdrHtmlText) empty = hdr_html_extract ("", 0);
  g_autoptr(HdrHtmlText) blank = hdr_html_extract ("  \n ", -1);
  g_autoptr(HdrHtmlText) shell = hdr_html_extract ("<html><body></body></html>", -1);

  g_assert_cmpstr (empty->visible_text, ==, "");
  g_assert_null (empty->hidden_text);
  g_assert_cmpstr (blank->visible_text, ==, "");
  g_assert_null (blank->hidden_text);
  g_assert_cmpstr (shell->visible_text, ==, "");
  g_assert_null (shell->hidden_text);
}

static void
test_length_respected (void)
{
  const char *html = "<p>first</p><p>second</p>";
  g_autoptr(HdrHtmlText) text = hdr_html_extract (html, strlen ("<p>first</p>"));

  g_assert_cmpstr (text->visible_text, ==, "first");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/html/visible/blocks", test_visible_blocks);
  g_test_add_func ("/html/visible/trimmed", test_visible_trimmed);
  g_test_add_func ("/html/visible/skip-script-style", test_skip_script_style);
  g_test_add_func ("/html/hidden/inline-tricks", test_hidden_tricks_inline);
  g_test_add_func ("/html/hidden/body-attributes", test_hidden_body_attributes);
  g_test_add_func ("/html/hidden/lookalikes-visible", test_not_hidden);
  g_test_add_func ("/html/hidden/inside-word", test_hidden_inside_word);
  g_test_add_func ("/html/hidden/style-rules", test_style_rules);
  g_test_add_func ("/html/hidden/fixture", test_fixture_tricks);
  g_test_add_func ("/html/count/images-links", test_remote_images);
  g_test_add_func ("/html/broken/fixture", test_broken_html);
  g_test_add_func ("/html/broken/fragments", test_broken_fragments);
  g_test_add_func ("/html/deep/closed", test_deep_nesting);
  g_test_add_func ("/html/deep/unclosed", test_deep_nesting_unclosed);
  g_test_add_func ("/html/text/entities", test_entities);
  g_test_add_func ("/html/text/utf8", test_utf8_text);
  g_test_add_func ("/html/text/empty", test_empty_document);
  g_test_add_func ("/html/text/length", test_length_respected);

  return g_test_run ();
}
