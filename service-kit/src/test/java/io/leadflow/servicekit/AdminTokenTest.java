package io.leadflow.servicekit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AdminTokenTest {

    @Test
    void permitsOnlyTheConfiguredBearerToken() {
        AdminToken token = new AdminToken("s3cret");
        assertThat(token.permits("Bearer s3cret")).isTrue();
        assertThat(token.permits("Bearer s3cret2")).isFalse();
        assertThat(token.permits("bearer s3cret")).isFalse();
        assertThat(token.permits("Basic s3cret")).isFalse();
        assertThat(token.permits(null)).isFalse();
    }

    @Test
    void isOpenWhenNoTokenIsConfigured() {
        assertThat(new AdminToken(" ").permits(null)).isTrue();
        assertThat(new AdminToken(null).permits("Bearer anything")).isTrue();
    }
}
