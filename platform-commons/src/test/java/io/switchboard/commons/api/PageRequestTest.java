package io.switchboard.commons.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.commons.problem.FieldError;
import io.switchboard.commons.problem.ProblemException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PageRequestTest {

    private static final Map<String, String> SORTABLE = Map.of("name", "t.name", "createdAt", "t.created_at");

    @Test
    void defaultsAndSortKeysBecomeAnOrderByOfKnownColumns() {
        PageRequest request = PageRequest.of(null, null, "-createdAt,name", SORTABLE, "name");
        assertThat(request.page()).isZero();
        assertThat(request.size()).isEqualTo(PageRequest.DEFAULT_SIZE);
        assertThat(request.orderBy("t.id")).isEqualTo("t.created_at DESC, t.name ASC, t.id ASC");
        assertThat(PageRequest.of(2, 10, null, SORTABLE, "name").offset()).isEqualTo(20);
    }

    @Test
    void everyBadParameterIsNamed() {
        assertThatThrownBy(() -> PageRequest.of(-1, 1000, "password;drop table", SORTABLE, "name"))
                .isInstanceOfSatisfying(
                        ProblemException.class,
                        e -> assertThat(e.problem().errors())
                                .extracting(FieldError::field)
                                .containsExactly("page", "size", "sort"));
    }

    @Test
    void pagesCountTheWholeResult() {
        PageRequest request = PageRequest.of(0, 2, null, SORTABLE, "name");
        assertThat(Page.of(java.util.List.of("a", "b"), request, 5).totalPages())
                .isEqualTo(3);
        assertThat(Page.of(java.util.List.of(), request, 0).totalPages()).isZero();
    }
}
