package dev.dbarch.resilience.rules;

/**
 * The seed's recovery tiers as a table: the recovery point and time each tier is built to meet, and
 * the backup retention and drill cadence we attach to it. The tier a system needs is the least
 * demanding one whose limits still fall within both of its targets.
 */
enum RecoveryTier {
  TIER_1("RES-TIER-001", "Tier 1 (critical)", 60, 60, 35, "every quarter"),
  TIER_2("RES-TIER-002", "Tier 2 (important)", 3_600, 240, 14, "twice a year"),
  TIER_3("RES-TIER-003", "Tier 3 (non-critical)", 86_400, 1_440, 7, "once a year");

  private final String ruleId;
  private final String label;
  private final double rpoSeconds;
  private final double rtoMinutes;
  private final int backupRetentionDays;
  private final String drillCadence;

  RecoveryTier(
      String ruleId,
      String label,
      double rpoSeconds,
      double rtoMinutes,
      int backupRetentionDays,
      String drillCadence) {
    this.ruleId = ruleId;
    this.label = label;
    this.rpoSeconds = rpoSeconds;
    this.rtoMinutes = rtoMinutes;
    this.backupRetentionDays = backupRetentionDays;
    this.drillCadence = drillCadence;
  }

  static RecoveryTier needed(double rpoSeconds, double rtoMinutes) {
    for (RecoveryTier tier : new RecoveryTier[] {TIER_3, TIER_2}) {
      if (rpoSeconds >= tier.rpoSeconds && rtoMinutes >= tier.rtoMinutes) {
        return tier;
      }
    }
    return TIER_1;
  }

  String ruleId() {
    return ruleId;
  }

  String label() {
    return label;
  }

  double rpoSeconds() {
    return rpoSeconds;
  }

  double rtoMinutes() {
    return rtoMinutes;
  }

  /** Within the 1-35 days managed services keep automated backups for. */
  int backupRetentionDays() {
    return backupRetentionDays;
  }

  String drillCadence() {
    return drillCadence;
  }
}
