package dev.dbarch.deploychecks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbarch.contracts.kafka.KafkaAccess;
import dev.dbarch.deploychecks.Manifests.Manifest;
import io.strimzi.api.kafka.model.user.KafkaUser;
import io.strimzi.api.kafka.model.user.KafkaUserAuthorizationSimple;
import io.strimzi.api.kafka.model.user.KafkaUserScramSha512ClientAuthentication;
import io.strimzi.api.kafka.model.user.acl.AclOperation;
import io.strimzi.api.kafka.model.user.acl.AclResourcePatternType;
import io.strimzi.api.kafka.model.user.acl.AclRule;
import io.strimzi.api.kafka.model.user.acl.AclRuleClusterResource;
import io.strimzi.api.kafka.model.user.acl.AclRuleGroupResource;
import io.strimzi.api.kafka.model.user.acl.AclRuleTopicResource;
import io.strimzi.api.kafka.model.user.acl.AclRuleTransactionalIdResource;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Each service's KafkaUser grants exactly what {@link KafkaAccess} declares (the table the secure
 * local broker is provisioned from), and KafkaAccess is exactly what each service's own messaging
 * configuration and code use ({@link Messaging}, derived from the modules); KEDA's user may only
 * describe.
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

  /**
   * Each service's rules are exactly KafkaAccess's grants: one derivation, shared with ./dbarch up
   * --secure.
   */
  @Test
  void eachServiceIsGrantedExactlyWhatKafkaAccessDeclares() {
    assertThat(KafkaAccess.SERVICES.stream().map(KafkaAccess.ServiceAccess::principal))
        .containsExactlyInAnyOrderElementsOf(Repo.SERVICES);
    for (KafkaAccess.ServiceAccess access : KafkaAccess.SERVICES) {
      Set<String> expected = new TreeSet<>();
      for (KafkaAccess.Grant g : access.grants()) {
        for (String op : g.operations()) {
          // Strimzi spells Kafka's DESCRIBE_CONFIGS as DescribeConfigs.
          expected.add(
              g.resourceType()
                  + " "
                  + g.name()
                  + (g.prefixed() ? "*" : "")
                  + " "
                  + op.replace("_", ""));
        }
      }
      Set<String> actual = new TreeSet<>();
      for (AclRule a : acls(users.get(access.principal()))) {
        for (AclOperation op : a.getOperations()) {
          actual.add(resource(a) + " " + op.name());
        }
      }
      assertThat(actual).as(access.principal()).containsExactlyElementsOf(expected);
    }
  }

  /**
   * KafkaAccess grants each service exactly the topics its own messaging configuration and code use
   * ({@link Messaging}, derived from the modules): Write where it produces, Read where it consumes,
   * nothing it does not use; its consumer groups and transactional ids fall under its prefixes.
   */
  @Test
  void kafkaAccessMatchesEachServicesMessagingConfigurationAndCode() {
    for (String service : Repo.SERVICES) {
      Messaging uses = Messaging.of(service);
      KafkaAccess.ServiceAccess access = KafkaAccess.of(service).orElseThrow();
      System.out.printf(
          "%-20s writes %s, reads %s, in code %s, groups %s, topic prefixes %s%n",
          service,
          uses.writes(),
          uses.reads(),
          uses.usedInCode(),
          uses.groups(),
          uses.topicPrefixes());
      Set<String> granted = new TreeSet<>(access.reads());
      granted.addAll(access.writes());
      granted.addAll(access.describedTopics());
      assertThat(granted)
          .as("%s: topics", service)
          .containsExactlyInAnyOrderElementsOf(uses.allTopics());
      assertThat(access.writes()).as("%s: writes", service).containsAll(uses.writes());
      assertThat(access.reads()).as("%s: reads", service).containsAll(uses.reads());
      for (String t : access.writes()) {
        assertThat(uses.writes().contains(t) || uses.usedInCode().contains(t))
            .as("%s may write %s, which neither its channels nor its code write", service, t)
            .isTrue();
      }
      for (String t : access.reads()) {
        assertThat(uses.reads().contains(t) || uses.usedInCode().contains(t))
            .as("%s may read %s, which neither its channels nor its code read", service, t)
            .isTrue();
      }
      for (String t : access.describedTopics()) {
        assertThat(uses.usedInCode())
            .as("%s may describe %s, which its code does not use", service, t)
            .contains(t);
      }
      for (String t : uses.usedInCode()) {
        assertThat(
                access.reads().contains(t)
                    || access.writes().contains(t)
                    || access.describedTopics().contains(t))
            .as("%s uses %s in code", service, t)
            .isTrue();
      }
      assertThat(access.ownedTopicPrefixes())
          .as("%s: topic prefixes", service)
          .containsExactlyInAnyOrderElementsOf(uses.topicPrefixes());
      Set<String> groupPrefixes = new TreeSet<>(access.otherGroupPrefixes());
      groupPrefixes.add(access.principal());
      for (String group : uses.groups()) {
        assertThat(groupPrefixes).as("%s: group %s", service, group).anyMatch(group::startsWith);
      }
      assertThat(access.otherGroupPrefixes())
          .as("%s: group prefixes not named after it", service)
          .containsExactlyInAnyOrderElementsOf(uses.groupPrefixes());
      for (String tx : uses.transactionalIdPrefixes()) {
        assertThat(tx).as("%s: transactional ids", service).startsWith(access.principal());
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

  /** {@code TOPIC name}, {@code GROUP prefix*}, ...: Kafka's resource type names. */
  private static String resource(AclRule a) {
    if (a.getResource() instanceof AclRuleTopicResource t) {
      return "TOPIC " + t.getName() + star(t.getPatternType());
    } else if (a.getResource() instanceof AclRuleGroupResource g) {
      return "GROUP " + g.getName() + star(g.getPatternType());
    } else if (a.getResource() instanceof AclRuleTransactionalIdResource x) {
      return "TRANSACTIONAL_ID " + x.getName() + star(x.getPatternType());
    } else if (a.getResource() instanceof AclRuleClusterResource) {
      return "CLUSTER kafka-cluster";
    }
    throw new AssertionError("unexpected resource " + a.getResource());
  }

  private static String star(AclResourcePatternType pattern) {
    return pattern == AclResourcePatternType.PREFIX ? "*" : "";
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
}
