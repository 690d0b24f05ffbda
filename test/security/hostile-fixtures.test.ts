import { describeFixtures } from '../unit/sites/fixture-cases';

// The hostile fixtures read by the same data-driven runner as the site fixtures (test/unit/sites).
describeFixtures(['hostile'], 17);
