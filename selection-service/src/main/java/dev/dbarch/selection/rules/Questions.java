package dev.dbarch.selection.rules;

/**
 * Assumptions and questions used by more than one selection rule. Keeping one wording lets the
 * verdict (and the report across sections) show each open question once.
 */
final class Questions {

  static final String WORKLOAD_TYPE = "workload type";
  static final String ASSUMED_OLTP = "transactional (OLTP)";
  static final String ASK_WORKLOAD =
      "Is the workload transactional (OLTP), analytical (OLAP) or a mix of both?";

  static final String READ_WRITE_RATIO = "read:write ratio";
  static final String ASK_READ_WRITE = "Roughly how many reads does the system serve per write?";

  static final String DATA_VOLUME = "data volume";
  static final String ASK_DATA_VOLUME =
      "How much data do you hold today, and how much do you expect in 12 months (GB)?";

  static final String CLOUD = "cloud provider";
  static final String ASK_CLOUD =
      "Which cloud (AWS, GCP, Azure) or on-premises environment will host the database?";

  static final String LOCK_IN = "vendor lock-in concern";
  static final String ASSUMED_NO_LOCK_IN = "a provider-specific service is acceptable";
  static final String ASK_LOCK_IN =
      "Is being tied to one cloud provider's proprietary database service a concern?";

  static final String MANAGED = "managed service preference";
  static final String ASSUMED_MANAGED = "a managed database service is preferred";
  static final String ASK_MANAGED =
      "Would you rather use a managed database service or run the database yourselves?";

  static final String CONSISTENCY = "consistency model";
  static final String ASSUMED_STRONG = "strong consistency for all data";
  static final String ASK_CONSISTENCY =
      "Which data must be strongly consistent, and where is eventual consistency acceptable?";

  static final String DATA_SHAPE = "data shape";
  static final String ASK_DATA_SHAPE =
      "What does the data look like: related tables, flexible documents, key-value, time-ordered"
          + " metrics, graph traversals, embeddings, full-text search or hierarchies?";

  static final String MULTI_REGION = "multi-region";
  static final String ASSUMED_SINGLE_REGION = "one region (with standbys across zones)";
  static final String ASK_MULTI_REGION =
      "Must the database serve or survive the loss of more than one region?";

  private Questions() {}
}
