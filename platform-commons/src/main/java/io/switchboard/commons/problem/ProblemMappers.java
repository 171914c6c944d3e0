package io.switchboard.commons.problem;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
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

    @ServerExceptionMapper({
        JsonProcessingException.class,
        JsonMappingException.class,
        JsonParseException.class,
        MismatchedInputException.class,
        InvalidFormatException.class,
        InvalidNullException.class,
        UnrecognizedPropertyException.class,
        ValueInstantiationException.class
    })
    public Response json(JsonProcessingException e, UriInfo uri) {
        return respond(JsonProblems.toProblem(e), uri).build();
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
        if (poolExhausted(e)) {
            // overload, not a defect: the caller may retry, and the operators see it as a warning, not an error id
            Log.warnf("No database connection free for %s: answered 503", uri.getPath());
            return respond(
                            Problem.of(
                                    ProblemType.SERVICE_UNAVAILABLE,
                                    "The service is busy (every database connection is in use); retry in a moment"),
                            uri)
                    .header("Retry-After", "1")
                    .build();
        }
        return internal(e, uri);
    }

    /** Whether the connection pool (Agroal) gave up waiting for a free connection somewhere in the cause chain. */
    static boolean poolExhausted(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.sql.SQLException
                    && t.getMessage() != null
                    && t.getMessage().toLowerCase(java.util.Locale.ROOT).contains("acquisition timeout")) {
                return true;
            }
        }
        return false;
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

    private static Response.ResponseBuilder respond(Problem problem, UriInfo uri) {
        Problem withInstance = problem.instance() == null ? problem.withInstance(instance(uri)) : problem;
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(withInstance);
    }

    private static URI instance(UriInfo uri) {
        return uri == null ? null : URI.create(uri.getPath());
    }
}
