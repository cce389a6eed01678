package dev.digits.serve;

/**
 * The body of every error answer.
 *
 * @param code the HTTP status
 * @param type a stable word for programs: bad_image, bad_json, too_large, not_found, ...
 * @param message what went wrong, for a person
 */
public record ApiError(int code, String type, String message) {}
