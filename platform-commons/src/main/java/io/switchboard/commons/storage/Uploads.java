package io.switchboard.commons.storage;

import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.logging.Log;
import io.switchboard.commons.ids.Ids;
import io.switchboard.commons.problem.FieldError;
import io.switchboard.commons.problem.Problem;
import io.switchboard.commons.problem.ProblemException;
import io.switchboard.commons.problem.ProblemType;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * Files from users into the object store, checked on the way: the type is detected from the first bytes (not taken
 * from the client) and must be allowed, and the size is counted while streaming, so that reading stops one byte past
 * the limit. A refused upload leaves nothing in the store: 415 {@code file-type-not-allowed} before anything is
 * written, 413 {@code file-too-large} with any multipart upload aborted; both name the field {@code file}.
 */
@ApplicationScoped
@IfBuildProperty(name = "switchboard.storage.enabled", stringValue = "true")
public class Uploads {

    /** The form field of the file in every upload endpoint. */
    public static final String FIELD = "file";

    private final ObjectStore store;
    private final StorageConfig config;

    public Uploads(ObjectStore store, StorageConfig config) {
        this.store = store;
        this.config = config;
    }

    /** The platform's largest upload, which tenants' limits stay within. */
    public long platformMaxBytes() {
        return config.maxObjectBytes();
    }

    /**
     * Stores one upload of a tenant under a new key {@code <tenantId>/<service>/<id>}.
     *
     * @param fileName the name the client gave, kept (cleaned) as metadata only
     * @throws ProblemException 400 for an empty file, 413, 415, or 503 when the store cannot be reached
     */
    public StoredObject store(
            String tenantId, String service, String fileName, InputStream content, UploadPolicy policy)
            throws IOException {
        UploadPolicy effective = policy.capped(config.maxObjectBytes());
        String name = FileNames.clean(fileName);
        Limited limited = new Limited(content, effective.maxBytes());
        MessageDigest sha256 = sha256();
        InputStream counted = new DigestInputStream(limited, sha256);
        byte[] head;
        try {
            head = counted.readNBytes(FileTypes.HEAD_BYTES);
        } catch (TooLarge e) {
            throw tooLarge(effective.maxBytes());
        }
        if (head.length == 0) {
            throw ProblemException.invalid(FIELD, "is empty");
        }
        String type = FileTypes.detect(head, name);
        if (!effective.allows(type)) {
            throw notAllowed(type, effective.allowedTypes());
        }
        UUID id = Ids.newId();
        String key = ObjectKeys.of(tenantId, service, id);
        long size;
        try {
            size = store.put(key, new SequenceInputStream(new ByteArrayInputStream(head), counted), type);
        } catch (TooLarge e) {
            throw tooLarge(effective.maxBytes());
        } catch (SdkException e) {
            throw unavailable(e);
        }
        return new StoredObject(id, key, name, type, size, HexFormat.of().formatHex(sha256.digest()));
    }

    /**
     * Stores bytes that did not come through an upload endpoint (a mail's attachment) under the same checks; the
     * refusal is returned as a problem instead of thrown, so that the caller can keep the metadata of what it refused.
     */
    public Stored storeChecked(
            String tenantId, String service, String fileName, InputStream content, UploadPolicy policy)
            throws IOException {
        try {
            return new Stored(store(tenantId, service, fileName, content, policy), null);
        } catch (ProblemException e) {
            if (e.problem().status() == 503) {
                throw e;
            }
            return new Stored(null, e.problem());
        }
    }

    /** The outcome of {@link #storeChecked}: the stored object, or the problem that refused it. */
    public record Stored(StoredObject object, Problem refusal) {}

    /**
     * An object's bytes for a download (close the stream).
     *
     * @throws ProblemException 404 when the object is gone, 503 when the store cannot be reached
     */
    public ResponseInputStream<GetObjectResponse> open(String key) {
        try {
            return store.open(key)
                    .orElseThrow(() -> new ProblemException(
                            ProblemType.NOT_FOUND, "The file's content is no longer in the store"));
        } catch (SdkException e) {
            throw unavailable(e);
        }
    }

    /** Deletes an object; a failure is logged, not thrown (the object is then an orphan under its tenant's prefix). */
    public void deleteQuietly(String key) {
        try {
            store.delete(key);
        } catch (SdkException e) {
            Log.warnf("Could not delete object %s: %s", key, e.toString());
        }
    }

    /** Deletes objects; throws when the store cannot be reached, so that a job can try again later. */
    public void deleteAll(Collection<String> keys) {
        if (!keys.isEmpty()) {
            store.deleteAll(keys);
        }
    }

    static ProblemException tooLarge(long maxBytes) {
        return new ProblemException(Problem.of(
                        ProblemType.FILE_TOO_LARGE,
                        "The file is larger than the limit of " + describe(maxBytes) + " (" + maxBytes + " bytes)")
                .withErrors(List.of(new FieldError(FIELD, "must be at most " + maxBytes + " bytes")))
                .with("maxBytes", maxBytes));
    }

    static ProblemException notAllowed(String type, List<String> allowed) {
        return new ProblemException(Problem.of(
                        ProblemType.FILE_TYPE_NOT_ALLOWED,
                        "Files of type " + type + " are not accepted here (the type is detected from the content)")
                .withErrors(List.of(new FieldError(FIELD, "is " + type + ", which is not an allowed type")))
                .with("contentType", type)
                .with("allowedTypes", allowed));
    }

    static ProblemException unavailable(SdkException e) {
        Log.warnf("Object store unavailable: %s", e.toString());
        return new ProblemException(
                Problem.of(ProblemType.SERVICE_UNAVAILABLE, "The file store cannot be reached; try again shortly"),
                Map.of("Retry-After", "10"));
    }

    private static String describe(long bytes) {
        if (bytes % (1024 * 1024) == 0) {
            return bytes / (1024 * 1024) + " MiB";
        }
        if (bytes % 1024 == 0) {
            return bytes / 1024 + " KiB";
        }
        return bytes + " bytes";
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Thrown when a stream yields more than its limit. */
    static final class TooLarge extends IOException {
        TooLarge() {
            super("over the size limit");
        }
    }

    /** Counts what passes and throws {@link TooLarge} past {@code max}: at most max + 1 bytes are ever read. */
    static final class Limited extends FilterInputStream {

        private final long max;
        private long count;

        Limited(InputStream in, long max) {
            super(in);
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0 && ++count > max) {
                throw new TooLarge();
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, (int) Math.min(len, max + 1 - count));
            if (n > 0) {
                count += n;
                if (count > max) {
                    throw new TooLarge();
                }
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            throw new IOException("not supported");
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }
}
