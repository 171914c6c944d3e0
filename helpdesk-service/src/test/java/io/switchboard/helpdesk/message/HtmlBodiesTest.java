package io.switchboard.helpdesk.message;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What survives sanitizing, and the text of HTML bodies. */
class HtmlBodiesTest {

    @Test
    void scriptsHandlersAndUnsafeLinksAreRemoved() {
        String dirty = "<p onclick=\"steal()\">Hello <b>there</b><script>alert(1)</script></p>"
                + "<a href=\"javascript:alert(2)\">click</a> <a href=\"https://example.com/x\">docs</a>"
                + "<img src=\"https://tracker.example/p.gif\"><style>body{display:none}</style>"
                + "<iframe src=\"https://evil.example\"></iframe>";
        String clean = HtmlBodies.sanitize(dirty);
        assertThat(clean)
                .doesNotContain("script", "onclick", "javascript:", "<img", "<style", "iframe", "alert")
                .contains("<p>Hello <b>there</b></p>")
                .contains("href=\"https://example.com/x\"")
                .contains("rel=\"nofollow noopener noreferrer\"");
    }

    @Test
    void theTextOfABodyHasNoTagsAndDecodedEntities() {
        String text = HtmlBodies.text(HtmlBodies.sanitize("<p>Printer &amp; scanner</p><p>are <i>broken</i>"
                + " &lt;again&gt; &#8364;5</p><ul><li>one</li><li>two</li></ul>"));
        assertThat(text)
                .contains("Printer & scanner")
                .contains("are broken <again> €5")
                .doesNotContain("<p>", "<li>");
        assertThat(text.lines()).contains("one", "two");
    }

    @Test
    void onlyUnsafeMarkupLeavesNothing() {
        assertThat(HtmlBodies.text(HtmlBodies.sanitize("<script>alert(1)</script><style>x</style>")))
                .isBlank();
    }
}
