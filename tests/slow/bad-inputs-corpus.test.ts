import {
  describeLarge,
  describeReadable,
  describeRefused,
  ensureCli,
  readable,
  refused,
  testCorpusIsGenerated,
} from '../support/bad-inputs';

// The whole bad-input corpus through the command, the corpus regenerated from its
// script, and the large cases made at test time (a million shared strings, rows down
// to 1,048,576, zip bombs of 2 GiB, 65,000 parts).

beforeAll(() => ensureCli(), 120_000);

testCorpusIsGenerated();
describeRefused(refused);
describeReadable(readable);
describeLarge();
