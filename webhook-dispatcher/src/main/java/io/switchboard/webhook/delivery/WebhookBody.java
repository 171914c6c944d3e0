package io.switchboard.webhook.delivery;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The request body of a webhook, in the Standard Webhooks shape: {@code {"type", "timestamp", "data"}}, minified. The
 * event's data is copied byte for byte (it is already the producer's JSON), so what is signed is exactly what the
 * producer wrote.
 */
public final class WebhookBody {

    private static final JsonFactory JSON = new JsonFactory();

    private WebhookBody() {}

    /**
     * @param time when the event happened (its commit time)
     * @param data the event's JSON data; a value that is not JSON is sent as a string, none as null
     */
    public static String of(String type, OffsetDateTime time, byte[] data) {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("type", type);
            json.writeStringField(
                    "timestamp", DateTimeFormatter.ISO_INSTANT.format(time.withOffsetSameInstant(ZoneOffset.UTC)));
            json.writeFieldName("data");
            String text = data == null ? "" : new String(data, StandardCharsets.UTF_8).strip();
            if (text.isEmpty()) {
                json.writeNull();
            } else if (isJson(text)) {
                json.writeRawValue(text);
            } else {
                json.writeString(text);
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static boolean isJson(String text) {
        try (JsonParser parser = JSON.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return false;
            }
            parser.skipChildren();
            return parser.nextToken() == null;
        } catch (IOException e) {
            return false;
        }
    }
}
