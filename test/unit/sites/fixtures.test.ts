import { describeFixtures } from './fixture-cases';

// The site fixtures; the hostile ones (slow: oversized pages) run in the security tier.
describeFixtures(['ffn', 'ao3', 'fp'], 13);
describeFixtures(['royalroad', 'spacebattles', 'sufficientvelocity', 'questionablequesting'], 11);
