package dev.digits.serve;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The body of every error answer.
 *
 * @param code the HTTP status
 * @param type a stable word for programs: bad_image, bad_json, too_large, not_found, busy, ...
 * @param message what went wrong, for a person
 * @param id for a server failure (500), the id under which its details are logged; else absent
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(int code, String type, String message, String id) {

    public ApiError(int code, String type, String message) {
        this(code, type, message, null);
    }
}
