package dev.dbarch.schema.ddl;

import static dev.dbarch.schema.Lookups.column;
import static dev.dbarch.schema.Lookups.index;
import static dev.dbarch.schema.Lookups.sequence;
import static dev.dbarch.schema.Lookups.table;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dbarch.contracts.requirements.SchemaSource.Dialect;
import dev.dbarch.contracts.schema.SchemaSnapshot;
import dev.dbarch.contracts.schema.SchemaSnapshot.ForeignKey;
import dev.dbarch.contracts.schema.SchemaSnapshot.Table;
import dev.dbarch.schema.PublicSchemas;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Parses the public sample schemas; skipped when the shared directory is absent. */
class PublicSchemasDdlTest {

  private final DdlParser parser = new DdlParser();

  @BeforeEach
  void needsSchemas() {
    PublicSchemas.assumePresent();
  }

  @Test
  void chinook() {
    ParsedSchema parsed = parser.parse(PublicSchemas.chinook(), Dialect.POSTGRESQL);
    SchemaSnapshot s = parsed.snapshot();
    assertThat(s.tables())
        .extracting(Table::name)
        .containsExactly(
            "album",
            "artist",
            "customer",
            "employee",
            "genre",
            "invoice",
            "invoice_line",
            "media_type",
            "playlist",
            "playlist_track",
            "track");
    assertThat(parsed.unsupported()).isEmpty();
    // DROP/CREATE DATABASE, the \c meta-command and the INSERTs are listed as ignored.
    assertThat(parsed.ignored()).contains("DROP DATABASE IF EXISTS chinook", "\\c chinook;");
    Table track = table(s, "public.track");
    assertThat(column(track, "unit_price").type()).isEqualTo("numeric(10,2)");
    assertThat(column(track, "name").type()).isEqualTo("character varying(200)");
    assertThat(track.foreignKeys())
        .extracting(ForeignKey::name)
        .containsExactly("track_album_id_fkey", "track_genre_id_fkey", "track_media_type_id_fkey");
    assertThat(index(table(s, "public.playlist_track"), "playlist_track_pkey").columns())
        .containsExactly("playlist_id", "track_id");
    assertThat(column(table(s, "public.employee"), "birth_date").type())
        .isEqualTo("timestamp without time zone");
  }

  @Test
  void northwind() {
    ParsedSchema parsed = parser.parse(PublicSchemas.northwind(), Dialect.POSTGRESQL);
    SchemaSnapshot s = parsed.snapshot();
    assertThat(s.tables()).hasSize(14);
    assertThat(parsed.unsupported()).isEmpty();
    Table orders = table(s, "public.orders");
    assertThat(orders.primaryKey()).containsExactly("order_id");
    // REFERENCES customers without a column list points at customers' primary key.
    assertThat(orders.foreignKeys())
        .contains(
            new ForeignKey(
                "fk_orders_customers",
                List.of("customer_id"),
                "public.customers",
                List.of("customer_id")));
    assertThat(column(table(s, "public.categories"), "picture").type()).isEqualTo("bytea");
  }

  @Test
  void pagilaSchemaAndData() {
    ParsedSchema parsed =
        parser.parse(
            PublicSchemas.pagilaSchema() + "\n" + PublicSchemas.pagilaData(), Dialect.POSTGRESQL);
    SchemaSnapshot s = parsed.snapshot();
    assertThat(parsed.unsupported()).isEmpty();
    assertThat(s.tables()).hasSize(22);
    Table payment = table(s, "public.payment");
    assertThat(payment.partitionKey()).isEqualTo("RANGE (payment_date)");
    assertThat(payment.primaryKey()).containsExactly("payment_date", "payment_id");
    Table p1 = table(s, "public.payment_p2022_01");
    assertThat(p1.partitionOf()).isEqualTo("public.payment");
    assertThat(p1.primaryKey()).containsExactly("payment_date", "payment_id");
    Table film = table(s, "public.film");
    assertThat(column(film, "fulltext").type()).isEqualTo("tsvector");
    assertThat(column(film, "rating").defaultValue()).isEqualTo("'G'::public.mpaa_rating");
    assertThat(column(film, "special_features").type()).isEqualTo("text[]");
    assertThat(index(film, "film_fulltext_idx").method()).isEqualTo("gist");
    // setval in the data file moves the sequences.
    assertThat(sequence(s, "rental_rental_id_seq").lastValue()).isEqualTo(16049);
    // COPY blocks, functions, views, triggers and ownership are listed as ignored, never lost.
    assertThat(parsed.ignored())
        .anyMatch(i -> i.startsWith("COPY public.rental "))
        .anyMatch(i -> i.startsWith("CREATE FUNCTION public.rewards_report"))
        .anyMatch(
            i -> i.startsWith("CREATE UNIQUE INDEX rental_category ON public.rental_by_category"));
  }
}
