package dev.dbarch.report.api;

import dev.dbarch.report.view.RecommendationView;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * One revision in the representation the client asks for: JSON (the event as published) by default,
 * Markdown for {@code text/markdown}, an HTML fragment for {@code text/html}.
 */
final class Representations {

  static final String MARKDOWN = "text/markdown";

  private static final List<org.commonmark.Extension> EXTENSIONS =
      List.of(TablesExtension.create());
  private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS).build();
  // Raw HTML in the Markdown is escaped: the text comes from requirements people typed.
  private static final HtmlRenderer HTML =
      HtmlRenderer.builder().extensions(EXTENSIONS).escapeHtml(true).build();

  private Representations() {}

  static Response of(RecommendationView.Revision revision, HttpHeaders headers) {
    String markdown = revision.recommendation().markdown();
    return switch (preferred(headers)) {
      case MARKDOWN -> Response.ok(markdown, MARKDOWN + ";charset=UTF-8").build();
      case MediaType.TEXT_HTML ->
          Response.ok(html(markdown), MediaType.TEXT_HTML + ";charset=UTF-8").build();
      default -> Response.ok(revision.json(), MediaType.APPLICATION_JSON).build();
    };
  }

  static String html(String markdown) {
    return HTML.render(PARSER.parse(markdown == null ? "" : markdown));
  }

  /** The first explicitly named type among those offered; wildcards and absence mean JSON. */
  static String preferred(HttpHeaders headers) {
    for (MediaType type : headers.getAcceptableMediaTypes()) {
      if (type.isWildcardType()) {
        return MediaType.APPLICATION_JSON;
      }
      String name = type.getType() + "/" + type.getSubtype();
      if (name.equals(MARKDOWN)
          || name.equals(MediaType.TEXT_HTML)
          || name.equals(MediaType.APPLICATION_JSON)) {
        return name;
      }
    }
    return MediaType.APPLICATION_JSON;
  }
}
