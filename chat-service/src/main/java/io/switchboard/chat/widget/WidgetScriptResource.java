package io.switchboard.chat.widget;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Serves the embeddable widget script that the embed code's script tag loads; revalidated by its ETag (the content's
 * hash), so a new release reaches pages within {@link #MAX_AGE_SECONDS} without a versioned URL in every site.
 */
@Path("/api/v1/chat/public/widget.js")
@Tag(name = "Chat visitors")
@PermitAll
public class WidgetScriptResource {

    static final String RESOURCE = "widget/widget.js";
    static final int MAX_AGE_SECONDS = 300;
    private static final String MEDIA_TYPE = "text/javascript; charset=utf-8";

    private final byte[] script;
    private final EntityTag etag;

    public WidgetScriptResource() {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            this.script = in.readAllBytes();
            this.etag = new EntityTag(HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(script))
                    .substring(0, 32));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @GET
    @Produces(MEDIA_TYPE)
    @Operation(
            summary = "The widget script",
            description = "Load it with the embed code's script tag (data-widget-key). Cached for five minutes, then"
                    + " revalidated with If-None-Match.")
    public Response script(@HeaderParam("If-None-Match") String ifNoneMatch) {
        CacheControl cache = new CacheControl();
        cache.setMaxAge(MAX_AGE_SECONDS);
        cache.setPrivate(false);
        cache.setNoTransform(false);
        if (ifNoneMatch != null && matches(ifNoneMatch)) {
            return Response.notModified(etag).cacheControl(cache).build();
        }
        return Response.ok(script, MEDIA_TYPE).tag(etag).cacheControl(cache).build();
    }

    private boolean matches(String ifNoneMatch) {
        for (String candidate : ifNoneMatch.split(",")) {
            String c = candidate.strip();
            if (c.equals("*") || c.equals("\"" + etag.getValue() + "\"") || c.equals("W/\"" + etag.getValue() + "\"")) {
                return true;
            }
        }
        return false;
    }
}
