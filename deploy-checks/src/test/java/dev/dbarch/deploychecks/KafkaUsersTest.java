package dev.dbarch.deploychecks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbarch.deploychecks.Manifests.Manifest;
import io.strimzi.api.kafka.model.user.KafkaUser;
import io.strimzi.api.kafka.model.user.KafkaUserAuthorizationSimple;
import io.strimzi.api.kafka.model.user.KafkaUserScramSha512ClientAuthentication;
import io.strimzi.api.kafka.model.user.acl.AclOperation;
import io.strimzi.api.kafka.model.user.acl.AclResourcePatternType;
import io.strimzi.api.kafka.model.user.acl.AclRule;
import io.strimzi.api.kafka.model.user.acl.AclRuleGroupResource;
import io.strimzi.api.kafka.model.user.acl.AclRuleTopicResource;
import io.strimzi.api.kafka.model.user.acl.AclRuleTransactionalIdResource;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Each service's KafkaUser grants exactly the topics and groups its own messaging configuration and
 * code use ({@link Messaging}, derived from the modules), with Write where it produces and Read
 * where it consumes; KEDA's user may only describe.
 */
class KafkaUsersTest {

  private final Map<String, KafkaUser> users =
      Manifests.under("base").stream()
          .map(Manifest::model)
          .filter(KafkaUser.class::isInstance)
          .map(KafkaUser.class::cast)
          .collect(Collectors.toMap(u -> u.getMetadata().getName(), Function.identity()));

  @Test
  void oneScramUserPerServiceAndOneForKeda() {
    Set<String> expected = new TreeSet<>(Repo.SERVICES);
    expected.add("keda");
    assertThat(users.keySet()).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(users.values())
        .allSatisfy(
            u -> {
              assertThat(u.getSpec().getAuthentication())
                  .isInstanceOf(KafkaUserScramSha512ClientAuthentication.class);
              assertThat(u.getSpec().getAuthorization())
                  .isInstanceOf(KafkaUserAuthorizationSimple.class);
              assertThat(u.getMetadata().getLabels()).containsEntry("strimzi.io/cluster", "dbarch");
              assertThat(acls(u)).allSatisfy(a -> assertThat(a.getOperation()).isNull());
            });
  }

  @Test
  void eachServiceMayUseExactlyWhatItsConfigurationAndCodeUse() {
    for (String service : Repo.SERVICES) {
      Messaging uses = Messaging.of(service);
      List<AclRule> acls = acls(users.get(service));
      System.out.printf(
          "%-20s writes %s, reads %s, in code %s, groups %s, topic prefixes %s%n",
          service,
          uses.writes(),
          uses.reads(),
          uses.usedInCode(),
          uses.groups(),
          uses.topicPrefixes());

      assertThat(names(acls, AclRuleTopicResource.class, AclResourcePatternType.LITERAL))
          .as("%s: literal topics", service)
          .containsExactlyInAnyOrderElementsOf(uses.allTopics());
      assertThat(names(acls, AclRuleTopicResource.class, AclResourcePatternType.PREFIX))
          .as("%s: topic prefixes", service)
          .containsExactlyInAnyOrderElementsOf(uses.topicPrefixes());
      assertThat(names(acls, AclRuleGroupResource.class, AclResourcePatternType.LITERAL))
          .as("%s: consumer groups", service)
          .containsExactlyInAnyOrderElementsOf(uses.groups());
      assertThat(names(acls, AclRuleGroupResource.class, AclResourcePatternType.PREFIX))
          .as("%s: consumer group prefixes", service)
          .containsExactlyInAnyOrderElementsOf(uses.groupPrefixes());
      assertThat(names(acls, AclRuleTransactionalIdResource.class, AclResourcePatternType.PREFIX))
          .as("%s: transactional id prefixes", service)
          .containsExactlyInAnyOrderElementsOf(uses.transactionalIdPrefixes());
      assertThat(acls)
          .as("%s: only topics, groups and transactional ids, no cluster rights", service)
          .allSatisfy(
              a ->
                  assertThat(a.getResource())
                      .isInstanceOfAny(
                          AclRuleTopicResource.class,
                          AclRuleGroupResource.class,
                          AclRuleTransactionalIdResource.class));

      for (String t : uses.writes()) {
        assertThat(ops(acls, t))
            .as("%s writes %s", service, t)
            .contains(AclOperation.WRITE, AclOperation.DESCRIBE);
      }
      for (String t : uses.reads()) {
        assertThat(ops(acls, t))
            .as("%s reads %s", service, t)
            .contains(AclOperation.READ, AclOperation.DESCRIBE);
      }
      for (String t : uses.usedInCode()) {
        assertThat(ops(acls, t))
            .as("%s uses %s in code", service, t)
            .contains(AclOperation.DESCRIBE)
            .containsAnyOf(AclOperation.READ, AclOperation.WRITE);
      }
      for (String t : uses.allTopics()) {
        if (!uses.writes().contains(t) && !uses.usedInCode().contains(t)) {
          assertThat(ops(acls, t))
              .as("%s only reads %s", service, t)
              .doesNotContain(AclOperation.WRITE);
        }
        if (!uses.reads().contains(t) && !uses.usedInCode().contains(t)) {
          assertThat(ops(acls, t))
              .as("%s only writes %s", service, t)
              .doesNotContain(AclOperation.READ);
        }
        assertThat(ops(acls, t))
            .as("%s on %s", service, t)
            .doesNotContain(AclOperation.ALL, AclOperation.DELETE, AclOperation.ALTER);
      }
      for (AclRule a : acls) {
        if (a.getResource() instanceof AclRuleGroupResource) {
          assertThat(a.getOperations())
              .as("%s group rights", service)
              .containsExactly(AclOperation.READ);
        }
      }
    }
  }

  @Test
  void kedaMayOnlyDescribeTheGroupsAndTopicsItScalesOn() {
    List<AclRule> acls = acls(users.get("keda"));
    assertThat(acls)
        .allSatisfy(a -> assertThat(a.getOperations()).containsExactly(AclOperation.DESCRIBE));
    Set<String> scaled = new TreeSet<>(Repo.SPECIALISTS);
    scaled.add("report-service");
    assertThat(names(acls, AclRuleGroupResource.class, AclResourcePatternType.LITERAL))
        .containsExactlyInAnyOrderElementsOf(scaled);
  }

  static List<AclRule> acls(KafkaUser user) {
    return ((KafkaUserAuthorizationSimple) user.getSpec().getAuthorization()).getAcls();
  }

  private static Set<String> names(
      List<AclRule> acls, Class<?> type, AclResourcePatternType pattern) {
    Set<String> names = new TreeSet<>();
    for (AclRule a : acls) {
      if (!type.isInstance(a.getResource())) {
        continue;
      }
      if (a.getResource() instanceof AclRuleTopicResource t && t.getPatternType() == pattern) {
        names.add(t.getName());
      } else if (a.getResource() instanceof AclRuleGroupResource g
          && g.getPatternType() == pattern) {
        names.add(g.getName());
      } else if (a.getResource() instanceof AclRuleTransactionalIdResource x
          && x.getPatternType() == pattern) {
        names.add(x.getName());
      }
    }
    return names;
  }

  private static Set<AclOperation> ops(List<AclRule> acls, String topic) {
    Set<AclOperation> ops = EnumSet.noneOf(AclOperation.class);
    for (AclRule a : acls) {
      if (a.getResource() instanceof AclRuleTopicResource t
          && t.getPatternType() == AclResourcePatternType.LITERAL
          && t.getName().equals(topic)) {
        ops.addAll(a.getOperations());
      }
    }
    return ops;
  }
}
