package io.switchboard.commons.problem;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.hibernate.validator.runtime.jaxrs.ResteasyReactiveViolationException;
import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.persistence.OptimisticLockException;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hibernate.StaleStateException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every exception that leaves a resource into an RFC 9457 problem+json response: bad input becomes a 4xx naming
 * the field, and nothing unexpected leaks its internals (a 500 carries only an error id that is also logged).
 */
public class ProblemMappers {

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        Response.ResponseBuilder response = respond(e.problem(), uri);
        e.headers().forEach(response::header);
        return response.build();
    }

    @ServerExceptionMapper
    public Response violations(ConstraintViolationException e, UriInfo uri) {
        return validation(e, uri);
    }

    @ServerExceptionMapper
    public Response restViolations(ResteasyReactiveViolationException e, UriInfo uri) {
        boolean returnValue = e.getConstraintViolations().stream().anyMatch(v -> {
            for (Path.Node node : v.getPropertyPath()) {
                if (node.getKind() == ElementKind.RETURN_VALUE) {
                    return true;
                }
            }
            return false;
        });
        if (returnValue) {
            return internal(e, uri);
        }
        return validation(e, uri);
    }

    @ServerExceptionMapper
    public Response unrecognized(UnrecognizedPropertyException e, UriInfo uri) {
        return fieldError(jsonPath(e), "unknown field; allowed fields: " + e.getKnownPropertyIds(), uri);
    }

    @ServerExceptionMapper
    public Response invalidFormat(InvalidFormatException e, UriInfo uri) {
        String expected = e.getTargetType() == null ? "another value" : describe(e.getTargetType());
        return fieldError(jsonPath(e), "invalid value " + quote(e.getValue()) + "; expected " + expected, uri);
    }

    @ServerExceptionMapper
    public Response invalidNull(InvalidNullException e, UriInfo uri) {
        return fieldError(jsonPath(e), "must not be null", uri);
    }

    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e, UriInfo uri) {
        String path = jsonPath(e);
        if (path.isEmpty()) {
            return respond(
                            Problem.of(
                                    ProblemType.MALFORMED_REQUEST,
                                    "The request body is missing or is not the expected JSON object"),
                            uri)
                    .build();
        }
        String expected = e.getTargetType() == null ? "another type" : describe(e.getTargetType());
        return fieldError(path, "wrong type; expected " + expected, uri);
    }

    @ServerExceptionMapper
    public Response mapping(JsonMappingException e, UriInfo uri) {
        String path = jsonPath(e);
        String message = e.getOriginalMessage() == null ? "invalid value" : e.getOriginalMessage();
        if (e.getCause() instanceof IllegalArgumentException cause && cause.getMessage() != null) {
            message = cause.getMessage();
        }
        if (path.isEmpty()) {
            return respond(
                            Problem.of(ProblemType.MALFORMED_REQUEST, "The request body could not be read: " + message),
                            uri)
                    .build();
        }
        return fieldError(path, message, uri);
    }

    @ServerExceptionMapper
    public Response parse(JsonParseException e, UriInfo uri) {
        String where = e.getLocation() == null
                ? ""
                : " at line " + e.getLocation().getLineNr() + ", column "
                        + e.getLocation().getColumnNr();
        return respond(Problem.of(ProblemType.MALFORMED_REQUEST, "The request body is not valid JSON" + where), uri)
                .build();
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e, UriInfo uri) {
        return respond(Problem.of(ProblemType.MALFORMED_REQUEST, "The request body could not be read as JSON"), uri)
                .build();
    }

    @ServerExceptionMapper({
        UnauthorizedException.class,
        AuthenticationFailedException.class,
        AuthenticationCompletionException.class
    })
    public Response unauthorized(RuntimeException e, UriInfo uri) {
        return respond(
                        Problem.of(
                                ProblemType.UNAUTHORIZED,
                                "A valid bearer token from the Switchboard identity provider is required"),
                        uri)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"switchboard\"")
                .build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return respond(Problem.of(ProblemType.FORBIDDEN, "Your roles in this tenant do not allow this operation"), uri)
                .build();
    }

    @ServerExceptionMapper({OptimisticLockException.class, StaleStateException.class})
    public Response concurrentUpdate(RuntimeException e, UriInfo uri) {
        return respond(
                        Problem.of(
                                ProblemType.CONFLICT,
                                "The resource was changed by someone else at the same time; read it again and retry"),
                        uri)
                .build();
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return internal(e, uri);
        }
        ProblemType type = switch (status) {
            case 401 -> ProblemType.UNAUTHORIZED;
            case 403 -> ProblemType.FORBIDDEN;
            case 404 -> ProblemType.NOT_FOUND;
            case 405 -> ProblemType.METHOD_NOT_ALLOWED;
            case 406 -> ProblemType.NOT_ACCEPTABLE;
            case 409 -> ProblemType.CONFLICT;
            case 412 -> ProblemType.PRECONDITION_FAILED;
            case 415 -> ProblemType.UNSUPPORTED_MEDIA_TYPE;
            case 429 -> ProblemType.RATE_LIMITED;
            default -> ProblemType.MALFORMED_REQUEST;
        };
        String detail = switch (status) {
            case 404 -> "No resource at " + uri.getPath();
            case 405 -> "This resource does not support that method";
            case 415 -> "Send the request body as application/json";
            default -> e.getMessage();
        };
        Response.ResponseBuilder response = Response.status(status)
                .type(Problem.MEDIA_TYPE)
                .entity(new Problem(type.uri(), type.title(), status, detail, instance(uri), List.of(), Map.of()));
        e.getResponse().getHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase(HttpHeaders.CONTENT_TYPE)) {
                values.forEach(v -> response.header(name, v));
            }
        });
        return response.build();
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        return internal(e, uri);
    }

    private Response internal(Throwable e, UriInfo uri) {
        String errorId = UUID.randomUUID().toString();
        Log.errorf(e, "Unexpected error %s on %s", errorId, uri.getPath());
        return respond(
                        Problem.of(
                                        ProblemType.INTERNAL_ERROR,
                                        "An unexpected error occurred; report the error id to the operators")
                                .with("errorId", errorId),
                        uri)
                .build();
    }

    private Response validation(ConstraintViolationException e, UriInfo uri) {
        return respond(
                        ProblemException.invalid(Violations.toFieldErrors(e.getConstraintViolations(), ""))
                                .problem(),
                        uri)
                .build();
    }

    private Response fieldError(String field, String message, UriInfo uri) {
        return respond(ProblemException.invalid(field, message).problem(), uri).build();
    }

    private static Response.ResponseBuilder respond(Problem problem, UriInfo uri) {
        Problem withInstance = problem.instance() == null ? problem.withInstance(instance(uri)) : problem;
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(withInstance);
    }

    private static URI instance(UriInfo uri) {
        return uri == null ? null : URI.create(uri.getPath());
    }

    /** The JSON path of the offending value, e.g. {@code settings.businessHours.weekly.monday[0].start}. */
    static String jsonPath(JsonMappingException e) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!out.isEmpty()) {
                    out.append('.');
                }
                out.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.toString();
    }

    private static String describe(Class<?> type) {
        if (type.isEnum()) {
            List<String> values = new ArrayList<>();
            for (Object constant : type.getEnumConstants()) {
                values.add(constant.toString());
            }
            return "one of " + values;
        }
        if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (java.time.temporal.Temporal.class.isAssignableFrom(type)) {
            return "an ISO-8601 date-time such as 2026-01-31T12:00:00Z";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        return "an object";
    }

    private static String quote(Object value) {
        return value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
    }
}
