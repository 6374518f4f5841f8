package main

import (
	"fmt"
	"io"
	"text/tabwriter"
)

// printBanner tells a developer where everything is and how to log in.
func printBanner(w io.Writer, sb *sandbox) {
	s := sb.summary
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	lines := []string{
		fmt.Sprintf("Zendesk\t%s/api/v2/\temail %s, API token %s (Basic {email}/token:{token})", sb.zendeskURL, zendeskEmail, zendeskToken),
		fmt.Sprintf("Salesforce\t%s/services/data/v62.0/\tlogin URL %s, client id %s, secret %s, username %s", sb.salesforceURL, sb.salesforceURL, sfClientID, sfClientSecret, sfUsername),
		"Admin\t{url}/_sandbox/\tGET stats, GET|PUT faults, POST storm?seconds=N, POST revoke, POST reset",
		fmt.Sprintf("Salesforce data\t%d accounts, %d contacts, %d cases (%d comments), %d leads, %d users",
			s.Accounts, s.Contacts, s.Cases, s.CaseComments, s.Leads, s.SalesforceUsers),
		fmt.Sprintf("  contact flaws\t%d duplicate emails, %d invalid for Zendesk, %d without email, %d deleted, %d without account",
			s.ContactsDuplicateEmail, s.ContactsInvalidEmail, s.ContactsNoEmail, s.ContactsDeleted, s.ContactsNoAccount),
		fmt.Sprintf("Zendesk data\t%d users (%d agents), %d organizations, %d tickets",
			s.ZendeskUsers, s.ZendeskAgents, s.ZendeskOrganizations, s.ZendeskTickets),
		fmt.Sprintf("  already matching\t%d users by email, %d organizations by name",
			s.UsersMatchingContacts, s.OrganizationsMatchingAccounts),
	}
	for _, l := range lines {
		_, _ = fmt.Fprintln(tw, l)
	}
	_ = tw.Flush()
}
