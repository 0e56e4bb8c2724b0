package org.opentalks.notifier.messaging;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.opentalks.contract.Topics;
import org.opentalks.notifier.service.TalkLifecycle;

/**
 * Which talks this notifier owns: those of the partitions the group gives it (partition p of every
 * talk topic). On assignment it adopts them (the unfinished talks and owed webhooks recorded for those
 * partitions); on revocation it lets them go, for the replica that gets them next.
 */
@ApplicationScoped
@Identifier("talk-partitions")
public class TalkPartitions implements KafkaConsumerRebalanceListener {
    @Inject
    TalkLifecycle lifecycle;

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        lifecycle.adopt(numbers(partitions));
    }

    @Override
    public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        lifecycle.release(numbers(partitions));
    }

    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        lifecycle.release(numbers(partitions));
    }

    /** The partition numbers of talks.requested among {@code partitions}: the talks' own partitions. */
    private static Set<Integer> numbers(Collection<TopicPartition> partitions) {
        Set<Integer> numbers = new TreeSet<>();
        for (TopicPartition partition : partitions) {
            if (partition.topic().equals(Topics.REQUESTED)) {
                numbers.add(partition.partition());
            }
        }
        return numbers;
    }
}
