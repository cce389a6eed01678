package dev.digits.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.training.tracker.Tracker;
import dev.digits.train.training.LearningRateSchedule;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** The learning rate over a run: constant as in the seed recipe, or warm-up then cosine. */
class LearningRateScheduleTest {

    private static final int STEPS = 100;

    @Test
    void constantKeepsTheRate() {
        Tracker rate = LearningRateSchedule.CONSTANT.tracker(0.001, 10, STEPS);
        for (int step = 1; step <= 10 * STEPS; step += 37) {
            assertThat(rate.getNewValue(step)).isEqualTo(0.001f);
        }
    }

    @Test
    void cosineRisesThroughTheWarmUpThenFallsToAHundredth() {
        Tracker rate = LearningRateSchedule.parse("cosine,warmup=2").tracker(0.001, 10, STEPS);
        assertThat(rate.getNewValue(0)).isCloseTo(0.0001f, Offset.offset(1e-7f));
        assertThat(rate.getNewValue(STEPS)).isCloseTo(0.00055f, Offset.offset(1e-6f));
        assertThat(rate.getNewValue(2 * STEPS)).isCloseTo(0.001f, Offset.offset(1e-7f));
        // Half way through the cosine's 8 epochs, the rate is half way down.
        assertThat(rate.getNewValue(6 * STEPS)).isCloseTo(0.000505f, Offset.offset(1e-6f));
        assertThat(rate.getNewValue(10 * STEPS)).isCloseTo(0.00001f, Offset.offset(1e-7f));
        float previous = Float.MAX_VALUE;
        for (int step = 2 * STEPS; step <= 10 * STEPS; step += 10) {
            assertThat(rate.getNewValue(step)).isLessThanOrEqualTo(previous);
            previous = rate.getNewValue(step);
        }
    }

    @Test
    void specsReadBackAndBadOnesSayWhatIsAllowed() {
        for (String spec : new String[] {"constant", "cosine", "cosine,warmup=3"}) {
            assertThat(LearningRateSchedule.parse(spec).toString()).isEqualTo(spec);
        }
        assertThatThrownBy(() -> LearningRateSchedule.parse("linear")).hasMessageContaining("unknown learning-rate"
                + " schedule 'linear': give constant, cosine, or cosine,warmup=EPOCHS");
        assertThatThrownBy(() -> LearningRateSchedule.parse("cosine,warmup=-1")).hasMessageContaining("0 or more");
        assertThatThrownBy(() -> LearningRateSchedule.parse("cosine,warmup=5").tracker(0.001, 5, STEPS))
                .hasMessageContaining("shorter than the run");
    }
}
