package io.switchboard.commons.api;

import io.switchboard.commons.problem.Validation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Validated paging and sorting query parameters ({@code page}, {@code size}, {@code sort=name,-createdAt}).
 * Sorting is limited to the fields a resource allows, mapped to their column names, so that no client input reaches
 * SQL unchecked.
 */
public record PageRequest(int page, int size, List<SortOrder> sort) {

    public static final int DEFAULT_SIZE = 20;
    public static final int MAX_SIZE = 200;

    /** One sort key: the column to order by and the direction. */
    public record SortOrder(String field, String column, boolean ascending) {}

    /**
     * @param sortable allowed sort fields (API names) mapped to column names
     * @param defaultSort the sort used when none is given, in the same syntax as the query parameter
     */
    public static PageRequest of(
            Integer page, Integer size, String sort, Map<String, String> sortable, String defaultSort) {
        Validation validation = new Validation();
        int p = page == null ? 0 : page;
        int s = size == null ? DEFAULT_SIZE : size;
        validation.require(p >= 0, "page", "must be 0 or more");
        validation.require(s >= 1 && s <= MAX_SIZE, "size", "must be between 1 and " + MAX_SIZE);
        List<SortOrder> orders = new ArrayList<>();
        String spec = sort == null || sort.isBlank() ? defaultSort : sort;
        for (String part : spec.split(",")) {
            String key = part.trim();
            if (key.isEmpty()) {
                continue;
            }
            boolean ascending = !key.startsWith("-");
            String field = key.startsWith("-") || key.startsWith("+") ? key.substring(1) : key;
            String column = sortable.get(field);
            if (column == null) {
                validation.add("sort", "cannot sort by '" + field + "'; sortable fields: " + sortable.keySet());
            } else {
                orders.add(new SortOrder(field, column, ascending));
            }
        }
        validation.throwIfInvalid();
        return new PageRequest(p, s, List.copyOf(orders));
    }

    public int offset() {
        return page * size;
    }

    /** The SQL {@code ORDER BY} list of the validated sort keys, with {@code tiebreaker} last for a stable order. */
    public String orderBy(String tiebreaker) {
        List<String> parts = new ArrayList<>();
        for (SortOrder order : sort) {
            parts.add(order.column() + (order.ascending() ? " ASC" : " DESC"));
        }
        parts.add(tiebreaker + " ASC");
        return String.join(", ", parts);
    }
}
