export * from './common';
export * from './melding-received.event';
export * from './acute-check-completed.event';
export * from './household-record-opened.event';
export * from './referral-issued.event';
export * from './partner-referral-issued.event';
