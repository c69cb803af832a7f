package io.dittofs.smb.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CreditWindowTest {
    @Test
    void onlyMessageIdZeroIsGrantedAtFirst() {
        CreditWindow w = new CreditWindow(16);
        assertThat(w.consume(1, 1)).isFalse();
        assertThat(w.consume(0, 1)).isTrue();
        assertThat(w.consume(0, 1)).isFalse();
    }

    @Test
    void grantsAreBoundedByTheMaximumOutstanding() {
        CreditWindow w = new CreditWindow(16);
        w.consume(0, 1);
        assertThat(w.grant(1000)).isEqualTo(16);
        assertThat(w.grant(5)).isZero();
        assertThat(w.outstanding()).isEqualTo(16);
    }

    @Test
    void aMultiCreditRequestConsumesConsecutiveIdsAndIdsMayArriveOutOfOrder() {
        CreditWindow w = new CreditWindow(64);
        w.consume(0, 1);
        w.grant(10); // ids 1..10
        assertThat(w.consume(5, 4)).isTrue(); // 5..8
        assertThat(w.consume(7, 1)).isFalse();
        assertThat(w.consume(1, 4)).isTrue(); // 1..4
        assertThat(w.consume(9, 3)).isFalse(); // 11 not granted
        assertThat(w.consume(9, 2)).isTrue();
        assertThat(w.outstanding()).isZero();
        assertThat(w.grant(0)).isEqualTo(1); // never leave a client without credits
    }
}
