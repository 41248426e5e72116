package dev.herald.delivery.boundary;

import dev.herald.delivery.boundary.DeliveryOut.AttemptOut;
import dev.herald.delivery.control.DeliveryView;
import dev.herald.delivery.control.DeliveryView.AttemptView;
import java.util.AbstractCollection;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * A delivery's attempts in its answer, read a turn at a time as the answer is written
 * ({@link dev.herald.platform.json.StreamedJsonWriter}): a delivery read whole shows every attempt
 * with the payload it sent (API.md), up to a thousand of some 16 KiB each with a payload of up to
 * 1 MiB, too much to hold at once. Each walk reads them again, oldest first, up to the count the
 * delivery was read with; one removed by retention meanwhile is left out.
 */
final class AttemptsInTurns extends AbstractCollection<AttemptOut> {

    /** Reads the next turn of attempts numbered after {@code after} and up to {@code through}. */
    interface Turns {
        List<AttemptView> after(int after, int through);
    }

    private final DeliveryView delivery;
    private final Turns turns;

    /** @param delivery read without its attempts */
    AttemptsInTurns(DeliveryView delivery, Turns turns) {
        this.delivery = delivery;
        this.turns = turns;
    }

    @Override
    public Iterator<AttemptOut> iterator() {
        return new Iterator<>() {
            private Iterator<AttemptView> turn = Collections.emptyIterator();
            private int after;
            private boolean removedMeanwhile;

            @Override
            public boolean hasNext() {
                if (!turn.hasNext() && !removedMeanwhile && after < delivery.attemptCount()) {
                    List<AttemptView> next = turns.after(after, delivery.attemptCount());
                    removedMeanwhile = next.isEmpty();
                    turn = next.iterator();
                }
                return turn.hasNext();
            }

            @Override
            public AttemptOut next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                AttemptView attempt = turn.next();
                after = attempt.attempt();
                return AttemptOut.of(attempt, delivery.payload());
            }
        };
    }

    /** As many as the delivery counted when it was read (fewer are walked if retention removed some). */
    @Override
    public int size() {
        return delivery.attemptCount();
    }

    /** Not the attempts: written out, they are what this reads a turn at a time (a log line would hold them all). */
    @Override
    public String toString() {
        return delivery.attemptCount() + " attempts of " + delivery.id() + ", read as they are written";
    }
}
